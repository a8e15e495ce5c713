"""Drives leak-clangd over stdio as an editor does, for each file given, and
holds it to what leak-tidy reports on the same file:

  - didOpen: the published diagnostics carry each leak-tidy warning at its
    place, with its check as the code, and its notes without a fix-it as
    related information;
  - the code actions offered for it are its fix-its (the warning's own, and
    one per note with a fix-it, as clangd attaches those to the warning);
  - the action applied gives the text `leak-tidy --fix-notes` makes (which
    is `-fix` when the warning has a fix of its own), and that text compiles;
  - didChange to the fixed text: no diagnostics at all.

Each file's directory must hold its compile_flags.txt, a .clang-tidy that
enables the leak checks and a .clangd that lets them run."""

import argparse
import os
import pathlib
import shutil
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp_client  # noqa: E402


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def line_and_column(text, byte_offset):
    before = text.encode()[:byte_offset].decode()
    return before.count("\n"), len(before) - (before.rfind("\n") + 1)


def leak_tidy_report(leak_tidy, source, scratch):
    """leak-tidy's diagnostics on source, and the text --fix-notes makes."""
    scratch.mkdir(parents=True, exist_ok=True)
    copy = scratch / source.name
    shutil.copy(source, copy)
    shutil.copy(source.parent / "compile_flags.txt", scratch)
    fixes = scratch / (source.name + ".fixes.yaml")
    subprocess.run([leak_tidy, "-checks=-*,leak-*", "--fix-notes", "--quiet",
                    "--export-fixes=" + str(fixes), str(copy)],
                   check=True, capture_output=True)
    text = source.read_text()
    expected = []
    for entry in yaml.safe_load(fixes.read_text())["Diagnostics"]:
        main = entry["DiagnosticMessage"]
        notes = entry.get("Notes") or []
        expected.append({
            "check": entry["DiagnosticName"],
            "message": main["Message"],
            "at": line_and_column(text, main["FileOffset"]),
            "own_fix": bool(main.get("Replacements")),
            "related": [(line_and_column(text, note["FileOffset"])[0],
                         capitalised(note["Message"]))
                        for note in notes if not note.get("Replacements")],
            "fix_notes": [note["Message"] for note in notes
                          if note.get("Replacements")],
        })
    return expected, copy.read_text()


def capitalised(message):
    return message[:1].upper() + message[1:]


def clangd_message(diagnostic):
    """A clang-tidy message as clangd shows it: capitalised, and saying when
    a fix comes with it."""
    message = capitalised(diagnostic["message"])
    if diagnostic["own_fix"] or diagnostic["fix_notes"]:
        message += " (fix available)"
    return message


def check_file(client, source, leak_tidy, clangxx, scratch):
    expected, fixed_by_leak_tidy = leak_tidy_report(
        leak_tidy, source, scratch / "leak-tidy")
    if len(expected) != 1:
        fail("%s: leak-tidy reports %d warnings; each file must have one"
             % (source.name, len(expected)))
    want = expected[0]
    text = source.read_text()
    client.open(source, text, version=1)
    diagnostics = client.diagnostics(source, 1)
    leaks = [d for d in diagnostics if str(d.get("code", "")).startswith("leak-")]
    if len(leaks) != 1:
        fail("%s: leak-clangd published %d leak diagnostics, leak-tidy 1: %s"
             % (source.name, len(leaks), diagnostics))
    got = leaks[0]
    start = got["range"]["start"]
    for what, have, should in [
            ("code", got["code"], want["check"]),
            ("source", got.get("source"), "clang-tidy"),
            ("message", got["message"], clangd_message(want)),
            ("position", (start["line"], start["character"]), want["at"]),
            ("related information",
             [(r["location"]["range"]["start"]["line"], r["message"])
              for r in got.get("relatedInformation", [])], want["related"])]:
        if have != should:
            fail("%s: %s is %r in leak-clangd, %r in leak-tidy"
                 % (source.name, what, have, should))

    actions = [a for a in client.code_actions(source, got) if "edit" in a]
    titles = [a["title"] for a in actions]
    note_actions = [a for a in actions if a["title"] in want["fix_notes"]]
    own_actions = [a for a in actions if a["title"] not in want["fix_notes"]]
    if len(note_actions) != len(want["fix_notes"]) or (
            len(own_actions) != int(want["own_fix"])):
        fail("%s: code actions %r; leak-tidy has %s and notes with fixes %r"
             % (source.name, titles,
                "a fix on the warning" if want["own_fix"] else "no fix on the warning",
                want["fix_notes"]))
    # --fix-notes applies the warning's own fix, or else its one note fix.
    chosen = (own_actions or note_actions)[0]
    fixed = lsp_client.apply_edits(
        text, lsp_client.workspace_edits(chosen["edit"], source))
    if fixed != fixed_by_leak_tidy:
        fail("%s: the code action '%s' gives another text than leak-tidy "
             "--fix-notes" % (source.name, chosen["title"]))

    compiled = scratch / "leak-clangd" / source.name
    compiled.parent.mkdir(parents=True, exist_ok=True)
    compiled.write_text(fixed)
    flags = (source.parent / "compile_flags.txt").read_text().split()
    build = subprocess.run([clangxx, "-fsyntax-only", *flags, str(compiled)],
                           capture_output=True, text=True)
    if build.returncode != 0:
        fail("%s: the fixed file does not compile:\n%s"
             % (source.name, build.stderr))

    client.change(source, fixed, version=2)
    after = client.diagnostics(source, 2)
    if after:
        fail("%s: the fixed text still has diagnostics: %s"
             % (source.name, after))
    print("%s: %s at %d:%d with %d related notes; code action '%s' gives "
          "leak-tidy's fixed text, which compiles; after didChange: no "
          "diagnostics" % (source.name, got["code"], want["at"][0] + 1,
                           want["at"][1] + 1, len(want["related"]),
                           chosen["title"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--leak-tidy", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--scratch", required=True, type=pathlib.Path)
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    files = [f.resolve() for f in args.files]
    args.scratch.mkdir(parents=True, exist_ok=True)
    with open(args.scratch / "clangd.log", "w") as log:
        client = lsp_client.LspClient(
            [args.clangd, "--background-index=false", "--log=error"],
            cwd=files[0].parent, stderr=log)
        try:
            client.initialize(files[0].parent)
            for source in files:
                check_file(client, source, args.leak_tidy, args.clangxx,
                           args.scratch)
        finally:
            client.close()
    print("%d files: leak-clangd agrees with leak-tidy" % len(files))


if __name__ == "__main__":
    main()
