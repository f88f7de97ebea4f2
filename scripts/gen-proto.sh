#!/usr/bin/env bash
# Regenerates Sources/Wire/Generated/*.pb.swift from proto/*.proto.
# Uses Debian's protoc and a protoc-gen-swift built from swift-protobuf 1.39.0 in a scratch
# package outside this repository's .build (so it never disturbs the main build).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SCRATCH="${PROTOC_GEN_SWIFT_SCRATCH:-${TMPDIR:-/tmp}/tocsin-protoc-gen-swift}"
SWIFT_PROTOBUF_VERSION="1.39.0"

if ! command -v protoc >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update
    $SUDO apt-get install -y protobuf-compiler
fi

mkdir -p "$SCRATCH/Sources/PluginHost"
cat > "$SCRATCH/Package.swift" <<MANIFEST
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "PluginHost",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "$SWIFT_PROTOBUF_VERSION"),
    ],
    targets: [
        .target(name: "PluginHost", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]),
    ]
)
MANIFEST
echo "// Host target: this package exists only to build protoc-gen-swift." > "$SCRATCH/Sources/PluginHost/PluginHost.swift"
(cd "$SCRATCH" && swift build -c release --product protoc-gen-swift)
PLUGIN="$SCRATCH/.build/release/protoc-gen-swift"

OUT="$REPO/Sources/Wire/Generated"
mkdir -p "$OUT"
rm -f "$OUT"/*.pb.swift
protoc --plugin=protoc-gen-swift="$PLUGIN" \
    --swift_out="$OUT" \
    --swift_opt=Visibility=Public \
    -I "$REPO/proto" \
    "$REPO"/proto/*.proto
echo "generated: $(ls "$OUT")"
