//===--- TypeSpelling.h - leak-tidy ---------------------------------------===//
//
// How a type name is spelled in the source, the same way under every LLVM
// the project builds with. LLVM 19 wraps a qualified or keyword-elaborated
// name (`std::thread`, `struct S`) in an ElaboratedTypeLoc around the named
// type; from LLVM 22 on the named type's own TypeLoc holds the qualifier.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_TYPESPELLING_H
#define LEAK_TIDY_CHECKS_UTILS_TYPESPELLING_H

#include "clang/AST/TypeLoc.h"

namespace clang::tidy::leak::utils {

/// The type \p TL names, past qualifiers and any elaborated-name wrapper.
TypeLoc namedTypeLoc(TypeLoc TL);

/// Whether the name in \p TL is written with a scope (`std::thread`, not a
/// bare `thread` brought in by a using-declaration).
bool hasWrittenScope(TypeLoc TL);

} // namespace clang::tidy::leak::utils

#endif // LEAK_TIDY_CHECKS_UTILS_TYPESPELLING_H
