//===--- ObjectHome.h - leak-tidy -----------------------------------------===//
//
// One object, followed through the code of the translation unit that can
// reach it: a local through its function and the lambdas written there, a
// data member through its class's code, a variable with internal linkage
// through the functions that name it, and an object a factory or getter of
// the translation unit hands out through that function. Each check asks its
// own question (a stop on every path, a timeout anywhere, a receive) of the
// uses found there, as it asks it of a local.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_OBJECTHOME_H
#define LEAK_TIDY_CHECKS_UTILS_OBJECTHOME_H

#include "TrackedObject.h"
#include "TranslationUnitIndex.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include <cstdint>

namespace clang::tidy::leak::utils {

enum class HomeKind : std::uint8_t {
  Local,    // a local variable, or a function-local static
  Member,   // a data member, reached through `this` in its class's code
  Internal, // a variable with internal linkage (file-scope static)
  Elsewhere // a parameter, a global with external linkage, ...
};

/// Where an object lives, and so which code can reach it.
struct ObjectHome {
  HomeKind Kind = HomeKind::Elsewhere;
  const ValueDecl *Decl = nullptr;
  /// The class of a member.
  const CXXRecordDecl *Class = nullptr;
  /// The definitions whose code (lambdas written there included) can reach
  /// it: a local's function, a class's code, the functions that name an
  /// internal variable.
  llvm::SmallVector<const FunctionDecl *, 8> Code;
  /// Code this translation unit does not show can reach it too: a public
  /// member, a class not all defined here, a parameter, an extern global.
  bool Open = true;
  /// Why it is open, for StrictMode's notes; empty when it is not.
  std::string OpenReason;

  bool isMember() const { return Kind == HomeKind::Member; }
};

/// The home of \p Decl, a variable or data member named in \p UsedIn.
ObjectHome homeOf(const ValueDecl *Decl, const FunctionDecl *UsedIn,
                  TranslationUnitIndex &Index);

/// Classifies every use of the object in its home's code through \p Api.
/// An open home escapes.
ObjectUses usesAcross(const ObjectHome &Home, const ObjectApi &Api,
                      TranslationUnitIndex &Index);

/// One value a member or variable is given: `m_(value)` or `m_{value}` in a
/// constructor's initializer list, its default member initializer, or
/// `m_ = value` (also `.reset(value)`) in its home's code.
struct GivenValue {
  const Expr *Value = nullptr;
  /// The function that gives it; null for a default member initializer.
  const FunctionDecl *In = nullptr;
  /// The statement of the assignment in In's body; null for an initializer.
  const Stmt *Statement = nullptr;
};
llvm::SmallVector<GivenValue, 2> valuesGiven(const ObjectHome &Home,
                                             TranslationUnitIndex &Index);

/// Whether \p Object, made or started at \p Site, is made at most once in
/// the life of the process, so that it cannot accumulate: \p Object has
/// static storage and is held by value, or \p Site runs once: directly in
/// main() outside every loop, in the initializer of a function-local
/// static, inside std::call_once (and its Boost, Abseil and pthread forms),
/// or in a function with internal linkage whose every call is itself made
/// once per process. \p Object may be null (a temporary).
bool madeOncePerProcess(const ValueDecl *Object, const DynTypedNode &Site,
                        TranslationUnitIndex &Index);

/// A function of the translation unit that \p Call calls to get an object:
/// a factory (`CURL *newEasy()`) or a getter (`QNetworkAccessManager
/// *manager()`), with what its return statements hand out.
struct Factory {
  const FunctionDecl *Function = nullptr;
  llvm::SmallVector<const ReturnStmt *, 2> Returns;
  /// The one variable or data member every return hands out (`return
  /// handle;`, `return m_manager;`), if there is one.
  const ValueDecl *Returned = nullptr;
  /// Every return hands out an object made in the function (`new`, a
  /// library constructor call, a local built there).
  bool MakesWhatItReturns = false;
};
std::optional<Factory> factoryOf(const Expr *Call, TranslationUnitIndex &Index,
                                 const ObjectApi &Api,
                                 ArrayRef<StringRef> Makers = {});

/// \p E without the casts, temporaries, single-element braces and
/// converting or copying constructions around the value it holds.
const Expr *strippedValue(const Expr *E);

/// The call in \p Value that makes a new object: `new`, malloc/calloc,
/// make_unique, make_shared, or a library constructor named in \p Makers
/// (curl_easy_init), behind casts and smart pointer construction; null when
/// it makes none.
const Expr *creationIn(const Expr *Value, ArrayRef<StringRef> Makers);

/// How a local variable got its object in its function.
struct Making {
  /// Every value it holds is known: built by its declaration (an object
  /// held by value), made by a creation call, handed out by a factory of
  /// this file, or copied from another named object.
  bool Known = false;
  /// The creation call (`new`, make_shared, a name from Makers).
  const Expr *Creation = nullptr;
  /// The factory or getter of this file that handed it out.
  std::optional<Factory> ByFactory;
  /// The other object it was copied from (`QNetworkRequest r(m_defaults)`),
  /// which carries its settings along.
  const Expr *CopiedFrom = nullptr;
};
Making makingOf(const VarDecl *Var, const FunctionDecl *Owner,
                ArrayRef<StringRef> Makers, const ObjectApi &Api,
                TranslationUnitIndex &Index);

} // namespace clang::tidy::leak::utils

#endif
