"""tocsinctl's `--http.config.file` is read by the server's `http_config` reader, as amtool
reads it with prometheus/common: the same file gives the same error, byte for byte, from the
real amtool and from tocsinctl (load errors, and credentials files that fail the request)."""
import subprocess

import pytest

from conftest import free_port, require, tocsinctl_bin

CASES = {
    "unknown key": "basic_auth: {username: u, password: p}\nbogus: 1\n",
    "two credentials": "basic_auth: {username: u, password: p}\nbearer_token: t\n",
    "basic type in authorization": "authorization: {type: Basic, credentials: x}\n",
    "password and password_file": "basic_auth: {username: u, password: p, password_file: /etc/hostname}\n",
    "unreadable password_file": "basic_auth: {username: u, password_file: /nonexistent/pw}\n",
    "unreadable credentials_file": "authorization: {credentials_file: /nonexistent/tok}\n",
    "unreadable bearer_token_file": "bearer_token_file: /nonexistent/tok\n",
}


def run(binary, url, config):
    r = subprocess.run([binary, f"--alertmanager.url={url}", f"--http.config.file={config}", "silence", "query"],
                       capture_output=True, text=True, timeout=30)
    # Each tool prefixes its own name.
    return r.returncode, r.stderr.split(": ", 1)[1] if ": " in r.stderr else r.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_httpConfigFile_badFile_sameErrorAsAmtool(case, tmp_path, amtool):
    config = tmp_path / "http.yml"
    config.write_text(CASES[case])
    url = f"http://127.0.0.1:{free_port()}"
    expected = run(amtool, url, config)
    assert expected[0] != 0 and expected[1], expected
    assert run(require(tocsinctl_bin()), url, config) == expected
