//===--- ThreadOrigin.h - leak-tidy ---------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_THREADORIGIN_H
#define LEAK_TIDY_CHECKS_UTILS_THREADORIGIN_H

#include "TranslationUnitIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::leak::utils {

/// The variable or data member \p E names (`t`, `this->t`, `t_`), if any.
const ValueDecl *referencedObject(const Expr *E);

/// The constructor call that starts a thread (its first argument is the
/// callable), looking through temporaries, casts and copy/move construction.
const CXXConstructExpr *threadConstruction(const Expr *E);

/// Where the thread object \p Object (the expression a detach() is called on)
/// was given its thread: the temporary itself; a local variable's initialiser
/// or its last `t = std::thread(...)` before \p Use in \p Function, or the
/// thread a function of this file starts and returns to initialise it; for a
/// data member also the constructors' initialisers and the in-class
/// initialiser. Null when that cannot be seen.
const CXXConstructExpr *findThreadConstruction(const Expr *Object,
                                               const FunctionDecl *Function,
                                               const Stmt *Use,
                                               TranslationUnitIndex &Index);

/// The last `pthread_create(&Id, ...)` in \p Function before \p Use.
const CallExpr *findPthreadCreate(const ValueDecl *Id,
                                  const FunctionDecl *Function, const Stmt *Use,
                                  ASTContext &Context);

/// Whether \p Function calls
/// `pthread_attr_setdetachstate(&Attr, PTHREAD_CREATE_DETACHED)`.
bool setsDetachedState(const VarDecl *Attr, const FunctionDecl *Function,
                       ASTContext &Context);

/// The first parameter of \p Function when it is a `std::stop_token`: what a
/// std::jthread passes to the code it runs.
const VarDecl *stopTokenParameter(const FunctionDecl *Function);

} // namespace clang::tidy::leak::utils

#endif
