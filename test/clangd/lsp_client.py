"""A minimal Language Server Protocol client over stdio, enough to drive
leak-clangd as an editor does: open and change documents, wait for their
diagnostics, ask for code actions. Used by the LSP session test and by the
latency benchmark (bench/clangd_latency.py)."""

import json
import pathlib
import queue
import subprocess
import threading
import time


class LspError(RuntimeError):
    pass


class LspClient:
    """One language server process. Notifications are queued as they come;
    each request waits for its own response."""

    def __init__(self, command, cwd, stderr, env=None):
        self.process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=stderr, env=env)
        self.next_id = 0
        self.responses = {}
        self.response_ready = threading.Condition()
        self.notifications = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.notifications.put(None)
                    with self.response_ready:
                        self.response_ready.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if "id" in message and "method" not in message:
                with self.response_ready:
                    self.responses[message["id"]] = message
                    self.response_ready.notify_all()
            elif "id" in message:
                # A request from the server (workDoneProgress/create ...):
                # accept it, as an editor would.
                self._send({"jsonrpc": "2.0", "id": message["id"],
                            "result": None})
            else:
                self.notifications.put(message)

    def _send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(
            b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method, params, timeout=120):
        self.next_id += 1
        request_id = self.next_id
        self._send({"jsonrpc": "2.0", "id": request_id, "method": method,
                    "params": params})
        deadline = time.monotonic() + timeout
        with self.response_ready:
            while request_id not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise LspError("no response to %s" % method)
                self.response_ready.wait(left)
            response = self.responses.pop(request_id)
        if "error" in response:
            raise LspError("%s failed: %s" % (method, response["error"]))
        return response["result"]

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def initialize(self, root):
        capabilities = {
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": True,
                                       "versionSupport": True},
                "codeAction": {"codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["quickfix"]}}},
            },
        }
        self.request("initialize", {"processId": None,
                                    "rootUri": uri(root),
                                    "capabilities": capabilities})
        self.notify("initialized", {})

    def open(self, path, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(path), "languageId": "cpp", "version": version,
            "text": text}})

    def change(self, path, text, version):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(path), "version": version},
            "contentChanges": [{"text": text}]})

    def diagnostics(self, path, version, timeout=120):
        """The diagnostics clangd publishes for this version of the file."""
        wanted = uri(path)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LspError("no diagnostics for %s version %d"
                               % (path, version))
            try:
                message = self.notifications.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise LspError("the server exited")
            params = message.get("params", {})
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and params.get("uri") == wanted
                    and params.get("version") == version):
                return params["diagnostics"]

    def code_actions(self, path, diagnostic):
        return self.request("textDocument/codeAction", {
            "textDocument": {"uri": uri(path)},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]}}) or []

    def close(self):
        try:
            self.request("shutdown", None, timeout=30)
            self.notify("exit", None)
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def uri(path):
    return pathlib.Path(path).resolve().as_uri()


def offset(text, position):
    """The index in text of an LSP position (line, UTF-16 character)."""
    lines = text.splitlines(keepends=True)
    before = "".join(lines[:position["line"]])
    line = lines[position["line"]] if position["line"] < len(lines) else ""
    units = 0
    column = 0
    while column < len(line) and units < position["character"]:
        units += 2 if ord(line[column]) > 0xFFFF else 1
        column += 1
    return len(before) + column


def apply_edits(text, edits):
    """text with the TextEdits applied; LSP gives their ranges in the
    original text, so they are applied from the end."""
    spans = sorted(((offset(text, edit["range"]["start"]),
                     offset(text, edit["range"]["end"]), edit["newText"])
                    for edit in edits), reverse=True)
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def workspace_edits(edit, path):
    """The TextEdits a WorkspaceEdit makes to path, in either of its forms."""
    wanted = uri(path)
    edits = list(edit.get("changes", {}).get(wanted, []))
    for change in edit.get("documentChanges", []):
        if change.get("textDocument", {}).get("uri") == wanted:
            edits.extend(change["edits"])
    return edits
