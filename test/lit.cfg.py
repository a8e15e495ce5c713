# lit configuration for leak-tidy's tests. Paths come from lit.site.cfg.py,
# which CMake writes into the build tree.
import os
import shlex

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

runner = " ".join(shlex.quote(part) for part in [
    config.python_executable,
    os.path.join(config.test_source_root, "check_leak_tidy.py"),
    "--clang-tidy", config.clang_tidy,
    "--plugin", config.leak_tidy_plugin,
    "--binary", config.leak_tidy_binary,
    "--clang", config.clang,
    "--clangxx", config.clangxx,
    "--filecheck", os.path.join(config.llvm_tools_dir, "FileCheck"),
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

# The gRPC stubs exist when protoc and grpc_cpp_plugin were found at
# configure time (tool/run-tests.sh installs both).
if config.grpc_stubs_dir:
    config.available_features.add("grpc-stubs")
    config.substitutions.append(("%grpc_stubs", config.grpc_stubs_dir))
