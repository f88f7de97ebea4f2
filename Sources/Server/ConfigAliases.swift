import Config

// The Config module's main type is also named `Config`, so `Config.Route` would name a
// member of the struct. These aliases live in a file that imports only Config.
typealias ConfigRoute = Route
typealias ConfigFile = Config
