# Sourced by the quick-start and test scripts: installs what is missing on
# Debian 12 (through sudo when not root) and builds leak-tidy.

# The LLVM the quick start builds against, in build/. The test suite runs
# against each of LEAK_TIDY_LLVM_MAJORS: this one in build/, any other N in
# build-llvmN/.
LEAK_TIDY_LLVM_MAJOR=${LEAK_TIDY_LLVM_MAJOR:-19}
LEAK_TIDY_LLVM_MAJORS=${LEAK_TIDY_LLVM_MAJORS:-"19 22"}

# Building against LLVM $1: CMake, Ninja, Clang/LLVM with clang-tidy's and
# clangd's libraries, the gRPC and protobuf that clangd's link needs, libdw
# for leakcheck's stacks, and the runner's Python with its YAML reader.
leak_tidy_build_packages() {
  echo cmake ninja-build python3 python3-yaml \
    "clang-$1" "clang-tidy-$1" "libclang-$1-dev" "llvm-$1-dev" \
    libgrpc++-dev libprotobuf-dev libdw-dev
}
# The bundled examples: the HTTP one includes <curl/curl.h>, the timer one
# standalone Asio.
LEAK_TIDY_EXAMPLE_PACKAGES=(libcurl4-openssl-dev libasio-dev)
# Testing against LLVM $1: lit and FileCheck, the real library headers the
# tests include, the example code the real-world suite (test/realworld) runs
# on, and what the integration tests drive: git, pre-commit, the SARIF schema
# validator, dpkg-shlibdeps for the Debian package, and the make, Bear and
# meson builds of the first-run projects (test/Inputs/projects), and
# GoogleTest, Catch2 and the sanitizer runtimes for leakcheck's tests.
leak_tidy_test_packages() {
  echo "llvm-$1-tools" \
    libboost1.81-dev libboost-thread1.81-dev libboost-fiber1.81-dev \
    libcurl4-openssl-dev libuv1-dev libevent-dev qtbase5-dev \
    libasio-dev libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc \
    libboost1.81-doc libcurl4-doc qtbase5-examples \
    git pre-commit python3-jsonschema dpkg-dev bsdutils \
    make gcc bear meson libgtest-dev catch2 "libclang-rt-$1-dev"
}

leak_tidy_install_missing() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "leak-tidy: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The build directory for LLVM $1.
leak_tidy_build_dir() {
  if [ "$1" = "$LEAK_TIDY_LLVM_MAJOR" ]; then echo build; else echo "build-llvm$1"; fi
}

# Builds against LLVM $1 (default: LEAK_TIDY_LLVM_MAJOR) in its directory.
leak_tidy_build() {
  local major=${1:-$LEAK_TIDY_LLVM_MAJOR} dir
  dir=$(leak_tidy_build_dir "$major")
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DLEAK_TIDY_LLVM_MAJOR="$major" >/dev/null
  cmake --build "$dir"
}
