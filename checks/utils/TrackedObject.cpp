//===--- TrackedObject.cpp - leak-tidy ------------------------------------===//

#include "TrackedObject.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

namespace {

// Helpers of helpers are followed this deep; deeper calls count as unknown.
constexpr unsigned MaxHelperDepth = 3;

const Expr *singleParentExpr(const Expr *E, ParentIndex &Parents,
                             ASTContext &Context) {
  const ArrayRef<DynTypedNode> Above = Parents.parents(*E, Context);
  return Above.size() == 1 ? Above[0].get<Expr>() : nullptr;
}

const CXXMemberCallExpr *asSmartPointerGet(const Expr *E) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  if (!Call || Call->getNumArgs() != 0 || !Call->getMethodDecl() ||
      Call->getMethodDecl()->getName() != "get")
    return nullptr;
  // libstdc++'s shared_ptr::get() is a member of a base class.
  return isSmartPointer(
             Call->getImplicitObjectArgument()->IgnoreImpCasts()->getType())
             ? Call
             : nullptr;
}

bool isDereference(const Expr *E) {
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Unary->getOpcode() == UO_Deref;
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
  return Operator && Operator->getNumArgs() == 1 &&
         (Operator->getOperator() == OO_Arrow ||
          Operator->getOperator() == OO_Star);
}

/// `(uv_handle_t *)&t`: C's way of passing a handle as its base type.
bool isPointerCast(const Expr *E) {
  const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
  return Cast && Cast->getType()->isPointerType() &&
         Cast->getSubExpr()->getType()->isPointerType();
}

const Expr *operandOf(const Expr *E) {
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Unary->getSubExpr();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E))
    return Operator->getArg(0);
  if (const auto *Get = asSmartPointerGet(E))
    return Get->getImplicitObjectArgument();
  return nullptr;
}

/// Whether \p Parent only reaches the object \p Child denotes: parentheses,
/// casts, `&`, `*`, `->`, `get()` or a layer accessor.
bool reachesSameObject(const Expr *Parent, const Expr *Child,
                       const ObjectApi &Api) {
  if (isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(Parent))
    return true;
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent))
    return Cast->getCastKind() != CK_PointerToBoolean &&
           Cast->getCastKind() != CK_MemberPointerToBoolean;
  if (const auto *Unary = dyn_cast<UnaryOperator>(Parent))
    if (Unary->getOpcode() == UO_AddrOf)
      return true;
  if (isPointerCast(Parent))
    return true;
  if (isDereference(Parent) || asSmartPointerGet(Parent))
    return operandOf(Parent)->IgnoreParenImpCasts() ==
           Child->IgnoreParenImpCasts();
  return Api.innerLayer(Parent) == Child;
}

/// Whether \p Parent only tests, compares or discards the object: `if (h)`,
/// `!h`, `h && m`, `h == nullptr`, `sizeof h`, `(void)h`.
bool onlyTests(const Expr *Parent) {
  if (const auto *Discard = dyn_cast<ExplicitCastExpr>(Parent))
    return Discard->getType()->isVoidType();
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent))
    return Cast->getCastKind() == CK_PointerToBoolean;
  if (const auto *Unary = dyn_cast<UnaryOperator>(Parent))
    return Unary->getOpcode() == UO_LNot;
  if (const auto *Binary = dyn_cast<BinaryOperator>(Parent))
    return Binary->isComparisonOp() || Binary->isLogicalOp();
  return isa<UnaryExprOrTypeTraitExpr>(Parent);
}

class UseClassifier {
public:
  UseClassifier(const ObjectApi &Api, ParentIndex &Parents, ASTContext &Context)
      : Api(Api), Parents(Parents), Context(Context) {}

  ObjectUses classify(const ValueDecl *Object, const FunctionDecl *Function,
                      unsigned Depth) {
    ObjectUses Uses;
    classifyInto(Object, Function, Depth, Uses);
    return Uses;
  }

  /// Calls to these member functions on `this` hand out the object.
  ArrayRef<const FunctionDecl *> Getters;

  /// Adds the uses of \p Object in \p Function (its body, the lambdas
  /// written there and, for a constructor, its initializers) to \p Uses.
  void classifyInto(const ValueDecl *Object, const FunctionDecl *Function,
                    unsigned Depth, ObjectUses &Uses) {
    auto Reference =
        isa<FieldDecl>(Object)
            ? expr(memberExpr(
                  member(equalsNode(Object)),
                  hasObjectExpression(ignoringParenImpCasts(cxxThisExpr()))))
            : expr(declRefExpr(to(equalsNode(Object))));
    auto Visit = [&](const DynTypedNode &Scope) {
      for (const BoundNodes &Nodes :
           match(findAll(Reference.bind("ref")), Scope, Context))
        record(Nodes.getNodeAs<Expr>("ref"), Function, Depth, Uses);
    };
    if (const Stmt *Body = Function->getBody())
      Visit(DynTypedNode::create(*Body));
    if (!Getters.empty() && isa<FieldDecl>(Object) && Function->getBody())
      for (const BoundNodes &Nodes :
           match(findAll(
                     cxxMemberCallExpr(on(ignoringParenImpCasts(cxxThisExpr())))
                         .bind("get")),
                 *Function->getBody(), Context)) {
        const auto *Get = Nodes.getNodeAs<CXXMemberCallExpr>("get");
        if (const FunctionDecl *Callee = Get->getDirectCallee();
            Callee && llvm::any_of(Getters, [&](const FunctionDecl *Getter) {
              return Getter->getCanonicalDecl() == Callee->getCanonicalDecl();
            }))
          record(Get, Function, Depth, Uses);
      }
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Function))
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->isWritten() && Init->getInit())
          Visit(DynTypedNode::create(*Init->getInit()));
  }

private:
  void record(const Expr *Ref, const FunctionDecl *Function, unsigned Depth,
              ObjectUses &Uses) {
    const Stmt *Event = nullptr;
    const UseEffect Effect = effectOf(Ref, Event, Depth, Uses);
    if (Event &&
        (Effect == UseEffect::Finite || Effect == UseEffect::Infinite) &&
        Parents.enclosingFunction(*Ref, Context) != Function)
      Uses.InCallbacks.insert(Event);
    switch (Effect) {
    case UseEffect::Escapes:
      Uses.Escapes = true;
      if (!Uses.EscapesAt)
        Uses.EscapesAt = Ref;
      if (!isReturned(Ref))
        Uses.EscapesBesidesReturn = true;
      break;
    case UseEffect::Finite:
      Uses.Events[Event] = Setting::Finite;
      break;
    case UseEffect::Infinite:
      Uses.Events[Event] = Setting::Infinite;
      break;
    case UseEffect::Neutral:
      break;
    }
  }

  /// Whether \p Ref is the value of a return statement, perhaps copied or
  /// moved into it.
  bool isReturned(const Expr *Ref) {
    const Expr *Object = Ref;
    for (const Expr *Parent = singleParentExpr(Object, Parents, Context);
         Parent && (reachesSameObject(Parent, Object, Api) ||
                    isa<ExprWithCleanups>(Parent) || copies(Parent, Object));
         Parent = singleParentExpr(Object, Parents, Context))
      Object = Parent;
    const ArrayRef<DynTypedNode> Above = Parents.parents(*Object, Context);
    return Above.size() == 1 && Above[0].get<ReturnStmt>();
  }

  /// Whether \p Parent copies or moves \p Object into a new object, or
  /// marks it to be moved (`std::move(object)`).
  static bool copies(const Expr *Parent, const Expr *Object) {
    if (const auto *Move = dyn_cast<CallExpr>(Parent);
        Move && Move->getNumArgs() == 1 && Move->getArg(0) == Object &&
        Move->getDirectCallee() &&
        Move->getDirectCallee()->isInStdNamespace() &&
        Move->getDirectCallee()->getIdentifier() &&
        Move->getDirectCallee()->getName() == "move")
      return true;
    const auto *Construct = dyn_cast<CXXConstructExpr>(Parent);
    return Construct && Construct->getNumArgs() == 1 &&
           Construct->getArg(0) == Object &&
           Construct->getConstructor()->isCopyOrMoveConstructor();
  }

  bool reachesLayer(const Expr *Call, const Expr *Object) const {
    const Expr *Inner = Api.innerLayer(Call);
    return Inner &&
           Inner->IgnoreParenImpCasts() == Object->IgnoreParenImpCasts();
  }

  UseEffect effectOf(const Expr *Use, const Stmt *&Event, unsigned Depth,
                     ObjectUses &Uses) {
    const Expr *Object = Use;
    const Expr *Parent = singleParentExpr(Object, Parents, Context);
    while (Parent) {
      if (!reachesSameObject(Parent, Object, Api)) {
        // `p.get()` reaches the object a smart pointer holds, and
        // `s.next_layer()` a layer of the object.
        const Expr *Call = isa<MemberExpr>(Parent)
                               ? singleParentExpr(Parent, Parents, Context)
                               : nullptr;
        if (!Call || !(asSmartPointerGet(Call) || reachesLayer(Call, Object)))
          break;
        Parent = Call;
      }
      Object = Parent;
      Parent = singleParentExpr(Object, Parents, Context);
    }
    if (!Parent)
      return statementUse(Object, Depth, Uses);
    if (onlyTests(Parent))
      return UseEffect::Neutral;
    // A copy cannot change the object (unless it is handed out as the
    // function's result); a move takes it away.
    if (const auto *Copy = dyn_cast<CXXConstructExpr>(Parent);
        Copy && copies(Parent, Object) &&
        Copy->getConstructor()->isCopyConstructor() && !isReturned(Object))
      return UseEffect::Neutral;
    if (isa<CXXDeleteExpr>(Parent)) {
      Event = Parent;
      return Api.deleted();
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
      const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(
          singleParentExpr(Member, Parents, Context));
      if (!Call || Call->getCallee()->IgnoreParens() != Member)
        return UseEffect::Neutral; // A data member read.
      Event = Call;
      return Api.memberCall(Call, Context);
    }
    // Captured by a lambda written here: its uses there are followed.
    if (isa<LambdaExpr>(Parent))
      return UseEffect::Neutral;
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(Parent);
        Assign && Assign->getOperator() == OO_Equal &&
        Assign->getArg(0) == Object)
      return UseEffect::Neutral; // Made anew, as below.
    if (const auto *Assign = dyn_cast<BinaryOperator>(Parent)) {
      if (Assign->getOpcode() == BO_Assign && Assign->getLHS() == Object)
        return UseEffect::Neutral; // Made anew; its origin is checked apart.
      if (Assign->getOpcode() == BO_Assign && handedToLibrary(Assign))
        return UseEffect::Neutral;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      for (unsigned Index = 0; Index < Call->getNumArgs(); ++Index) {
        if (Call->getArg(Index) != Object)
          continue;
        Event = Call;
        if (std::optional<UseEffect> Known =
                Api.argumentOf(Call, Index, Context))
          return *Known;
        return helperEffect(Call, Index, Depth);
      }
    }
    return UseEffect::Escapes;
  }

  /// The effect of \p Object used directly by a statement: tested by a
  /// condition or evaluated on its own, bound to another name, else
  /// returned, thrown, or stored.
  UseEffect statementUse(const Expr *Object, unsigned Depth, ObjectUses &Uses) {
    const ArrayRef<DynTypedNode> Above = Parents.parents(*Object, Context);
    if (Above.size() != 1)
      return UseEffect::Escapes;
    if (const auto *Alias = Above[0].get<VarDecl>())
      return aliasEffect(Object, Alias, Depth, Uses);
    const Stmt *Parent = Above[0].get<Stmt>();
    if (isa_and_nonnull<CompoundStmt>(Parent))
      return UseEffect::Neutral;
    const Expr *Condition = nullptr;
    if (const auto *If = dyn_cast_or_null<IfStmt>(Parent))
      Condition = If->getCond();
    else if (const auto *While = dyn_cast_or_null<WhileStmt>(Parent))
      Condition = While->getCond();
    else if (const auto *For = dyn_cast_or_null<ForStmt>(Parent))
      Condition = For->getCond();
    else if (const auto *Do = dyn_cast_or_null<DoStmt>(Parent))
      Condition = Do->getCond();
    return Condition == Object ? UseEffect::Neutral : UseEffect::Escapes;
  }

  /// \p Object initialises \p Alias: a reference to it, a copy of the
  /// pointer or shared_ptr it is held by (a lambda's init-capture too) is
  /// the same object under another name, followed where it is declared; a
  /// copy of the object itself cannot change it.
  UseEffect aliasEffect(const Expr *Object, const VarDecl *Alias,
                        unsigned Depth, ObjectUses &Uses) {
    const QualType Type = Alias->getType();
    const bool Indirect =
        Object->getType()->isPointerType() || isSmartPointer(Object->getType());
    if (!Type->isReferenceType() && !Indirect)
      return Type->isRecordType() ? UseEffect::Neutral : UseEffect::Escapes;
    const auto *Scope =
        dyn_cast_or_null<FunctionDecl>(Alias->getParentFunctionOrMethod());
    if (!Scope || !Alias->hasLocalStorage() || Depth >= MaxHelperDepth)
      return UseEffect::Escapes;
    classifyInto(Alias, Scope, Depth + 1, Uses);
    return UseEffect::Neutral;
  }

  /// `sev.sigev_value.sival_ptr = &id`, `handle.data = &ctx`: the library
  /// call the structure goes to hands the address back to a callback; it is
  /// not stored anywhere else.
  static bool handedToLibrary(const BinaryOperator *Assign) {
    const auto *Field = dyn_cast<MemberExpr>(Assign->getLHS()->IgnoreParens());
    const auto *Record =
        Field ? dyn_cast<RecordDecl>(Field->getMemberDecl()->getDeclContext())
              : nullptr;
    if (!Record || !Record->getIdentifier())
      return false;
    const StringRef Name = Field->getMemberDecl()->getName();
    return (Record->getName() == "sigval" && Name == "sival_ptr") ||
           (Record->getName().starts_with("uv_") && Name == "data");
  }

  /// The effect of a call to a function of this translation unit that takes
  /// the object, judged from the function's body.
  UseEffect helperEffect(const CallExpr *Call, unsigned Index, unsigned Depth) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || Index >= Callee->getNumParams())
      return UseEffect::Escapes;
    // A copy of the object, or a reference or pointer to const, cannot
    // change it, whatever the callee does.
    if (cannotChange(Callee->getParamDecl(Index)->getType()))
      return UseEffect::Neutral;
    const FunctionDecl *Definition = nullptr;
    if (isa<CXXOperatorCallExpr>(Call) || Depth >= MaxHelperDepth ||
        !Callee->hasBody(Definition) ||
        Context.getSourceManager().isInSystemHeader(Definition->getLocation()))
      return UseEffect::Escapes;
    const ParmVarDecl *Param = Definition->getParamDecl(Index);
    const ObjectUses Inner = classify(Param, Definition, Depth + 1);
    if (Inner.Escapes)
      return UseEffect::Escapes;
    UseEffect Effect = UseEffect::Neutral;
    for (const auto &[Statement, Kind] : Inner.Events) {
      if (Kind == Setting::Finite)
        return UseEffect::Finite;
      Effect = UseEffect::Infinite;
    }
    return Effect;
  }

  const ObjectApi &Api;
  ParentIndex &Parents;
  ASTContext &Context;
};

} // namespace

bool cannotChange(QualType ParamType) {
  const QualType Type = ParamType.getNonReferenceType();
  if (ParamType->isReferenceType() && !Type.isConstQualified())
    return false;
  // A pointer or smart pointer, even a const one, still reaches the object;
  // a class passed by value or by const reference is a copy or read-only.
  if (Type->isPointerType())
    return Type->getPointeeType().isConstQualified();
  return !isSmartPointer(Type) && !Type->isDependentType();
}

bool isSmartPointer(QualType Type) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->isInStdNamespace() || !Record->getIdentifier())
    return false;
  return Record->getName() == "unique_ptr" || Record->getName() == "shared_ptr";
}

bool isUniquePointer(QualType Type) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getIdentifier() &&
         Record->getName() == "unique_ptr";
}

ObjectRoot rootOf(const Expr *E, const ObjectApi &Api) {
  ObjectRoot Root;
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_AddrOf) {
      E = Unary->getSubExpr();
    } else if (isDereference(E) || asSmartPointerGet(E)) {
      Root.Indirect = true;
      E = operandOf(E);
    } else if (isPointerCast(E)) {
      E = cast<ExplicitCastExpr>(E)->getSubExpr();
    } else if (const Expr *Inner = Api.innerLayer(E)) {
      E = Inner;
    } else {
      break;
    }
  }
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E)) {
    Root.Decl = dyn_cast<VarDecl>(Ref->getDecl());
    // `T &alias = object;`: the same object under another name.
    if (const auto *Alias = dyn_cast_or_null<VarDecl>(Root.Decl);
        Alias && Alias->isLocalVarDecl() &&
        Alias->getType()->isReferenceType() && Alias->getInit())
      if (const ObjectRoot Referent = rootOf(Alias->getInit(), Api);
          Referent.Decl)
        return Referent;
  } else if (const auto *Member = dyn_cast_or_null<MemberExpr>(E)) {
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      Root.Decl = dyn_cast<FieldDecl>(Member->getMemberDecl());
  }
  if (Root.Decl)
    Root.Named = E;
  if (Root.Decl && (Root.Decl->getType()->isPointerType() ||
                    isSmartPointer(Root.Decl->getType())))
    Root.Indirect = true;
  return Root;
}

ObjectUses usesOf(const ValueDecl *Object, const FunctionDecl *Function,
                  const ObjectApi &Api, ParentIndex &Parents,
                  ASTContext &Context, ArrayRef<const FunctionDecl *> Getters) {
  UseClassifier Classifier(Api, Parents, Context);
  Classifier.Getters = Getters;
  return Classifier.classify(Object, Function, 0);
}

bool isOwnedLocal(const VarDecl *Var, const FunctionDecl *Function) {
  return Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
         !Var->getType()->isReferenceType() &&
         Var->getParentFunctionOrMethod() == Function;
}

std::string accessThrough(const VarDecl *Var) {
  const bool Pointer =
      Var->getType()->isPointerType() || isSmartPointer(Var->getType());
  return Var->getName().str() + (Pointer ? "->" : ".");
}

std::string memberAccess(const Expr *E, const ASTContext &Context) {
  E = E->IgnoreImplicit()->IgnoreParens();
  auto Text = [&Context](const Expr *Part) {
    return Lexer::getSourceText(
               CharSourceRange::getTokenRange(Part->getSourceRange()),
               Context.getSourceManager(), Context.getLangOpts())
        .str();
  };
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf)
    return Text(Unary->getSubExpr()) + ".";
  if (isDereference(E) || asSmartPointerGet(E))
    return Text(operandOf(E)) + "->";
  if (E->getType()->isPointerType() || isSmartPointer(E->getType()))
    return Text(E) + "->";
  return Text(E) + ".";
}

} // namespace clang::tidy::leak::utils
