# lit configuration for leak-tidy's tests. Paths come from lit.site.cfg.py,
# which CMake writes into the build tree.
import os
import shlex
import shutil

import lit.formats

config.name = "leak-tidy"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "expected"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.leak_tidy_build_dir, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# clang-tidy picks the terminal's colours and the user's config otherwise.
config.environment["HOME"] = config.test_exec_root
if "LEAK_TIDY_REALWORLD" in os.environ:
    config.environment["LEAK_TIDY_REALWORLD"] = os.environ["LEAK_TIDY_REALWORLD"]

# Which delivery the check tests run through: the plugin and the binary
# (default), or only one of them (tool/run-tests.sh picks one for a second
# LLVM).
delivery = os.environ.get("LEAK_TIDY_DELIVERY", "both")
if delivery not in ("both", "plugin", "binary"):
    lit_config.fatal("LEAK_TIDY_DELIVERY must be both, plugin or binary, not %r"
                     % delivery)

runner = " ".join(shlex.quote(part) for part in [
    config.python_executable,
    os.path.join(config.test_source_root, "check_leak_tidy.py"),
    "--clang-tidy", config.clang_tidy,
    "--plugin", config.leak_tidy_plugin,
    "--binary", config.leak_tidy_binary,
    "--filecheck", os.path.join(config.llvm_tools_dir, "FileCheck"),
    "--mode", delivery,
])
config.substitutions.extend([
    ("%check_leak_tidy", runner),
    ("%leak_tidy_plugin", config.leak_tidy_plugin),
    ("%mismatched_plugin", config.mismatched_plugin),
    ("%leak_tidy", config.leak_tidy_binary),
    ("%clang_tidy", config.clang_tidy),
    ("%clangxx", config.clangxx),
    ("%clang", config.clang),
    ("%llvm_major", config.llvm_major),
    ("%build_dir", config.leak_tidy_build_dir),
    ("%src_dir", os.path.dirname(config.test_source_root)),
    ("%python", shlex.quote(config.python_executable)),
    ("%examples", os.path.join(os.path.dirname(config.test_source_root), "examples")),
])

# leak-clangd is built unless the build turned it off (LEAK_TIDY_CLANGD).
if config.leak_clangd:
    config.available_features.add("leak-clangd")
    config.substitutions.append(("%leak_clangd", config.leak_clangd))

# leakcheck, the run-time library: its tests compile against it with the
# test compiler.
leakcheck_flags = "-g -pthread -I%s" % config.leakcheck_include
leakcheck_libs = "%s -ldw /usr/lib/x86_64-linux-gnu/libgtest.a" % config.leakcheck_lib
config.substitutions.extend([
    ("%leakcheck_cxx", "%s %s" % (config.clangxx, leakcheck_flags)),
    ("%leakcheck_libs", leakcheck_libs),
])
# Tests whose subject does not depend on the LLVM (leakcheck, and the
# runner's baseline, cache, shards and the CMake route): tool/run-tests.sh
# runs them under the first LLVM of its list only.
if os.environ.get("LEAK_TIDY_LLVM_INDEPENDENT_TESTS", "1") != "0":
    config.available_features.add("llvm-independent")

# The gRPC stubs exist when protoc and grpc_cpp_plugin were found at
# configure time (tool/run-tests.sh installs both).
if config.grpc_stubs_dir:
    config.available_features.add("grpc-stubs")
    config.substitutions.append(("%grpc_stubs", config.grpc_stubs_dir))

# The project runner, and the tools its tests drive: the runner and the
# pre-commit hook find leak-tidy-run and leak-tidy on PATH, as users' do.
config.environment["PATH"] = os.pathsep.join(
    [os.path.join(config.leak_tidy_build_dir, "bin"), config.environment["PATH"]])
# Ahead of %leak_tidy, which would otherwise replace its first part.
config.substitutions.insert(0, (
    "%leak_tidy_run", os.path.join(config.leak_tidy_build_dir, "bin", "leak-tidy-run")))
# Debian's Python, which has python3-yaml and python3-jsonschema.
config.substitutions.append(("%debian_python", "/usr/bin/python3"))
# git identity for the scratch repositories the tests commit in.
for variable in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
    config.environment[variable] = "leak-tidy test"
for variable in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
    config.environment[variable] = "test@leak-tidy.invalid"
if shutil.which("pre-commit"):
    config.available_features.add("pre-commit")
if os.path.isdir(os.path.join(os.path.dirname(config.test_source_root), ".git")):
    config.available_features.add("git-checkout")

# A clang-tidy of the other LLVM major the project supports, to load this
# build's plugin into for real.
for other in ("19", "22"):
    other_clang_tidy = shutil.which("clang-tidy-" + other)
    if other != config.llvm_major and other_clang_tidy:
        config.available_features.add("other-clang-tidy")
        config.substitutions.extend([("%other_clang_tidy", other_clang_tidy),
                                     ("%other_major", other)])

# The lint of leak-tidy's own sources (tool/self-lint.test); tool/run-tests.sh
# turns it off under all but the newest LLVM of its run.
if os.environ.get("LEAK_TIDY_SELF_LINT", "1") != "0":
    config.available_features.add("self-lint")

# Installing the Debian package needs root and dpkg (CI has both).
if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("dpkg"):
    config.available_features.add("dpkg-root")
