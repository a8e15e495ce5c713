//===--- TranslationUnitIndex.h - leak-tidy -------------------------------===//
//
// What the leak checks learn about one translation unit, learnt once and
// shared by all four: the parents of user code, the CFGs of functions, the
// code of each class, and who calls each function with internal linkage.
// Everything is built on first use, so a translation unit with no candidate
// call pays nothing, and it lives exactly as long as its ASTContext.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_TRANSLATIONUNITINDEX_H
#define LEAK_TIDY_CHECKS_UTILS_TRANSLATIONUNITINDEX_H

#include "ParentIndex.h"
#include "SettingFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>

namespace clang::tidy::leak::utils {

/// The code of one class, as far as the translation unit shows it.
struct ClassCode {
  /// The definitions of its member functions, constructors and destructor,
  /// and of those of the classes derived from it in this translation unit;
  /// for a class template instance, as instantiated. Lambdas written in them
  /// are part of them.
  llvm::SmallVector<const FunctionDecl *, 16> Functions;
  /// Every function the class (and each class derived from it here)
  /// declares is defined here (defaulted and deleted ones count), none of
  /// them has friends, and nothing in a template's pattern is left out.
  bool Complete = false;
  /// A class derived from it can be defined elsewhere: it is not final and
  /// its definition is outside the main file.
  bool OpenToDerived = false;
};

/// How the functions of the translation unit with internal linkage are used.
struct InternalUse {
  /// The calls to it, each with the function that makes it.
  llvm::SmallVector<std::pair<const CallExpr *, const FunctionDecl *>, 4> Calls;
  /// Where it is named other than as a callee (its address taken, as a
  /// callback or a pointer to member): from there it can be called from
  /// anywhere, any number of times.
  llvm::SmallVector<const Expr *, 2> Addresses;
};

class TranslationUnitIndex {
public:
  /// The index of \p Context's translation unit.
  static TranslationUnitIndex &of(ASTContext &Context);

  ASTContext &context() { return Context; }
  ParentIndex &parents() { return Parents; }
  /// The CFG of \p Function's written body; null when none can be built.
  const CFG *cfg(const FunctionDecl *Function) {
    return CFGs.get(Function, Context);
  }

  const ClassCode &classCode(const CXXRecordDecl *Class);
  /// The calls to \p Function and whether its address escapes; null when it
  /// does not have internal linkage.
  const InternalUse *internalUse(const FunctionDecl *Function);
  /// The functions of user code that name \p Var, a variable with internal
  /// linkage.
  ArrayRef<const FunctionDecl *> functionsNaming(const VarDecl *Var);

  explicit TranslationUnitIndex(ASTContext &Context) : Context(Context) {}

private:
  void indexReferences();

  ASTContext &Context;
  ParentIndex Parents;
  CFGCache CFGs;
  llvm::DenseMap<const CXXRecordDecl *, std::unique_ptr<ClassCode>> Classes;
  /// Each user class definition, by each of its direct bases.
  std::optional<llvm::DenseMap<const CXXRecordDecl *,
                               llvm::SmallVector<const CXXRecordDecl *, 2>>>
      Derived;
  bool ReferencesIndexed = false;
  llvm::DenseMap<const FunctionDecl *, InternalUse> Internal;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const FunctionDecl *, 4>>
      Naming;
};

} // namespace clang::tidy::leak::utils

#endif
