//===--- ThreadOrigin.cpp - leak-tidy -------------------------------------===//

#include "ThreadOrigin.h"
#include "ObjectHome.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

const ValueDecl *referencedObject(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return dyn_cast<FieldDecl>(Member->getMemberDecl());
  return nullptr;
}

const CXXConstructExpr *threadConstruction(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct || Construct->getNumArgs() == 0)
      return nullptr;
    if (!Construct->getConstructor()->isCopyOrMoveConstructor())
      return Construct;
    E = Construct->getArg(0);
  }
  return nullptr;
}

namespace {

/// Threads are followed as objects with no settings.
class ThreadFactory : public ObjectApi {};

/// `startListener()`: the thread a function of this file starts and
/// returns, from its only return.
const CXXConstructExpr *madeByFactory(const Expr *Call,
                                      TranslationUnitIndex &Index) {
  const std::optional<Factory> Made = factoryOf(Call, Index, ThreadFactory());
  if (!Made || !Made->MakesWhatItReturns || Made->Returns.size() != 1)
    return nullptr;
  if (const auto *Returned = dyn_cast_or_null<VarDecl>(Made->Returned))
    return threadConstruction(Returned->getInit());
  return threadConstruction(Made->Returns.front()->getRetValue());
}

bool isBefore(const Stmt *A, const Stmt *B, const ASTContext &Context) {
  return Context.getSourceManager().isBeforeInTranslationUnit(A->getBeginLoc(),
                                                              B->getBeginLoc());
}

/// The last `Object = <thread construction>` in Body before Use.
const CXXConstructExpr *lastAssignment(const ValueDecl *Object,
                                       const Stmt *Body, const Stmt *Use,
                                       ASTContext &Context) {
  const CXXConstructExpr *Last = nullptr;
  for (const BoundNodes &Nodes :
       match(findAll(cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                         argumentCountIs(2))
                         .bind("assign")),
             *Body, Context)) {
    const auto *Assign = Nodes.getNodeAs<CXXOperatorCallExpr>("assign");
    if (referencedObject(Assign->getArg(0)) != Object ||
        (Use && !isBefore(Assign, Use, Context)))
      continue;
    if (const CXXConstructExpr *Construct =
            threadConstruction(Assign->getArg(1)))
      Last = Construct;
  }
  return Last;
}

const CXXConstructExpr *memberConstruction(const FieldDecl *Field) {
  const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Record)
    return nullptr;
  for (const CXXConstructorDecl *Ctor : Record->ctors()) {
    const FunctionDecl *Definition = Ctor->getDefinition();
    const auto *DefinedCtor = dyn_cast_or_null<CXXConstructorDecl>(Definition);
    if (!DefinedCtor)
      continue;
    for (const CXXCtorInitializer *Init : DefinedCtor->inits())
      if (Init->isWritten() && Init->getMember() == Field)
        if (const CXXConstructExpr *Construct =
                threadConstruction(Init->getInit()))
          return Construct;
  }
  if (Field->hasInClassInitializer())
    return threadConstruction(Field->getInClassInitializer());
  return nullptr;
}

} // namespace

const CXXConstructExpr *findThreadConstruction(const Expr *Object,
                                               const FunctionDecl *Function,
                                               const Stmt *Use,
                                               TranslationUnitIndex &Index) {
  ASTContext &Context = Index.context();
  if (const CXXConstructExpr *Temporary = threadConstruction(Object))
    return Temporary;
  const ValueDecl *Named = referencedObject(Object);
  if (!Named)
    return madeByFactory(Object, Index);
  if (!Function || !Function->getBody())
    return nullptr;
  if (const CXXConstructExpr *Assigned =
          lastAssignment(Named, Function->getBody(), Use, Context))
    return Assigned;
  const auto *Var = dyn_cast<VarDecl>(Named);
  if (!Var)
    return memberConstruction(cast<FieldDecl>(Named));
  if (!Var->isLocalVarDecl())
    return nullptr;
  if (const CXXConstructExpr *Built = threadConstruction(Var->getInit()))
    return Built;
  return Var->getInit() ? madeByFactory(Var->getInit(), Index) : nullptr;
}

const CallExpr *findPthreadCreate(const ValueDecl *Id,
                                  const FunctionDecl *Function, const Stmt *Use,
                                  ASTContext &Context) {
  if (!Id || !Function || !Function->getBody())
    return nullptr;
  const CallExpr *Last = nullptr;
  for (const BoundNodes &Nodes :
       match(findAll(callExpr(callee(functionDecl(hasName("::pthread_create"))),
                              argumentCountIs(4),
                              hasArgument(0, unaryOperator(hasOperatorName("&"))
                                                 .bind("id")))
                         .bind("create")),
             *Function->getBody(), Context)) {
    const auto *Create = Nodes.getNodeAs<CallExpr>("create");
    const auto *AddressOf = Nodes.getNodeAs<UnaryOperator>("id");
    if (referencedObject(AddressOf->getSubExpr()) == Id &&
        (!Use || isBefore(Create, Use, Context)))
      Last = Create;
  }
  return Last;
}

bool setsDetachedState(const VarDecl *Attr, const FunctionDecl *Function,
                       ASTContext &Context) {
  auto Detached = ignoringParenImpCasts(
      declRefExpr(to(enumConstantDecl(hasName("PTHREAD_CREATE_DETACHED")))));
  auto SetsDetached = callExpr(
      callee(functionDecl(hasName("::pthread_attr_setdetachstate"))),
      argumentCountIs(2),
      hasArgument(0, ignoringParenImpCasts(unaryOperator(
                         hasOperatorName("&"),
                         hasUnaryOperand(declRefExpr(to(equalsNode(Attr))))))),
      hasArgument(1, expr().bind("state")));
  for (const BoundNodes &Nodes :
       match(findAll(SetsDetached), *Function->getBody(), Context)) {
    const auto *State = Nodes.getNodeAs<Expr>("state");
    if (!match(expr(Detached), *State, Context).empty())
      return true;
    // Where PTHREAD_CREATE_DETACHED is a plain macro (musl: 1).
    const SourceLocation Loc = State->getBeginLoc();
    if (Loc.isMacroID() &&
        Lexer::getImmediateMacroName(Loc, Context.getSourceManager(),
                                     Context.getLangOpts()) ==
            "PTHREAD_CREATE_DETACHED")
      return true;
  }
  return false;
}

const VarDecl *stopTokenParameter(const FunctionDecl *Function) {
  if (!Function || Function->getNumParams() == 0)
    return nullptr;
  const ParmVarDecl *First = Function->getParamDecl(0);
  const CXXRecordDecl *Type =
      First->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return Type && Type->getQualifiedNameAsString() == "std::stop_token"
             ? First
             : nullptr;
}

} // namespace clang::tidy::leak::utils
