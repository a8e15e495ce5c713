# `cmake --install` and `cpack`: the binary, the plugin, the runner, the docs
# and a CMake package config under one prefix, and a Debian package of them.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(LEAK_TIDY_INSTALL_DOCDIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/leak-tidy)
set(LEAK_TIDY_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/LeakTidy)
# A module clang-tidy loads, not a library anything links: in a directory of
# its own, the same under every prefix (/usr/lib/leak-tidy in the package).
set(LEAK_TIDY_INSTALL_PLUGINDIR lib/leak-tidy)

install(TARGETS leak-tidy RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS LeakTidy LIBRARY DESTINATION ${LEAK_TIDY_INSTALL_PLUGINDIR})
if(LEAK_TIDY_CLANGD)
  install(TARGETS leak-clangd RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
# leakcheck: the library, its headers, and the target LeakTidy::leakcheck
# in the CMake package.
install(TARGETS leakcheck EXPORT LeakTidyTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY runtime/include/leakcheck
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT LeakTidyTargets NAMESPACE LeakTidy::
  DESTINATION ${LEAK_TIDY_INSTALL_CMAKEDIR})
install(PROGRAMS ${PROJECT_BINARY_DIR}/bin/leak-tidy-run
  DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY tool/leak_tidy_run DESTINATION ${LEAK_TIDY_INSTALL_PLUGINDIR}/python
  FILES_MATCHING PATTERN "*.py" PATTERN "__pycache__" EXCLUDE)
install(FILES README.md DESTINATION ${LEAK_TIDY_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${LEAK_TIDY_INSTALL_DOCDIR}/docs)
install(FILES .pre-commit-hooks.yaml DESTINATION ${LEAK_TIDY_INSTALL_DOCDIR}/examples)
install(FILES examples/ci/github-actions.yml
  DESTINATION ${LEAK_TIDY_INSTALL_DOCDIR}/examples/ci)
install(PROGRAMS examples/ci/leak-tidy-ci.sh
  DESTINATION ${LEAK_TIDY_INSTALL_DOCDIR}/examples/ci)

configure_package_config_file(cmake/LeakTidyConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/LeakTidyConfig.cmake
  INSTALL_DESTINATION ${LEAK_TIDY_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_BINDIR LEAK_TIDY_INSTALL_PLUGINDIR LEAK_TIDY_INSTALL_DOCDIR)
# The checks are bound to one LLVM major, so is the package: a project asking
# for 0.1 gets any 0.x, and reads LeakTidy_LLVM_VERSION_MAJOR for the rest.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/LeakTidyConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/LeakTidyConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/LeakTidyConfigVersion.cmake
  DESTINATION ${LEAK_TIDY_INSTALL_CMAKEDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME leak-tidy)
set(CPACK_PACKAGE_VENDOR "leak-tidy")
set(CPACK_PACKAGE_CONTACT "leak-tidy maintainers <leak-tidy@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "clang-tidy checks for the C++ forms of goroutine leaks")
set(CPACK_PACKAGE_DESCRIPTION
  "leak-tidy finds detached threads that can never be stopped, repeating \
timers nothing stops, channel sends that may never be received and HTTP or \
RPC calls without a timeout. It ships a clang-tidy binary with the checks \
built in, a plugin for clang-tidy-${LLVM_VERSION_MAJOR}, leak-clangd (clangd \
with the checks built in, for editors), and leak-tidy-run, which runs the \
checks over a compile_commands.json with SARIF output.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The LLVM major is part of the version: a package for LLVM 19 and one for
# LLVM 22 are the same program built for different hosts.
set(CPACK_DEBIAN_PACKAGE_VERSION "${PROJECT_VERSION}+llvm${LLVM_VERSION_MAJOR}")
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# dpkg-shlibdeps finds the LLVM and Clang libraries the binary links; the
# rest is what it cannot see: Clang's builtin headers (stddef.h ...), which
# every real compile needs, and the runner's Python. git is for its --diff.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libdw-dev: leakcheck is a static library, so a program that links it
# links libdw too.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libclang-common-${LLVM_VERSION_MAJOR}-dev, python3, python3-yaml, libdw-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS git)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "clang-tidy-${LLVM_VERSION_MAJOR}")
include(CPack)
