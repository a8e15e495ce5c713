//===--- ObjectHome.cpp - leak-tidy ---------------------------------------===//

#include "ObjectHome.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

namespace {

// Callers of callers are followed this deep before a function counts as
// one that can run any number of times.
constexpr unsigned MaxCallerDepth = 6;

ObjectHome memberHome(const FieldDecl *Field, TranslationUnitIndex &Index) {
  ObjectHome Home;
  Home.Kind = HomeKind::Member;
  Home.Decl = Field;
  Home.Class = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Home.Class) {
    Home.OpenReason = "it is a member of a C structure";
    return Home;
  }
  const ClassCode &Code = Index.classCode(Home.Class);
  Home.Code.assign(Code.Functions.begin(), Code.Functions.end());
  if (Field->getAccess() == AS_public || Home.Class->isUnion())
    Home.OpenReason = "it is public";
  else if (!Code.Complete)
    Home.OpenReason = "not all of its class's code is in this file";
  else if (Field->getAccess() == AS_protected && Code.OpenToDerived)
    Home.OpenReason =
        "it is protected and a class derived elsewhere can reach it";
  Home.Open = !Home.OpenReason.empty();
  return Home;
}

ObjectHome variableHome(const VarDecl *Var, const FunctionDecl *UsedIn,
                        TranslationUnitIndex &Index) {
  ObjectHome Home;
  Home.Decl = Var;
  if (isa<ParmVarDecl>(Var) || Var->getType()->isReferenceType()) {
    Home.OpenReason = "it comes from the caller";
    return Home;
  }
  if (Var->isLocalVarDecl()) {
    const auto *Owner =
        dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
    Home.Kind = HomeKind::Local;
    if (Owner)
      Home.Code.push_back(Owner->getDefinition() ? Owner->getDefinition()
                                                 : Owner);
    Home.Open = !Owner;
    return Home;
  }
  if (Var->hasGlobalStorage() && Var->getFormalLinkage() == Linkage::Internal) {
    Home.Kind = HomeKind::Internal;
    for (const FunctionDecl *Function : Index.functionsNaming(Var))
      Home.Code.push_back(Function);
    Home.Open = false;
    return Home;
  }
  Home.OpenReason = "it is a global that other files can reach";
  return Home;
}

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

bool isEntryPoint(const FunctionDecl *Function) {
  if (Function->isMain())
    return true;
  const IdentifierInfo *Name = Function->getIdentifier();
  return Name && Function->isGlobal() &&
         llvm::is_contained({"wmain", "WinMain", "wWinMain"}, Name->getName());
}

/// Calls whose callable argument runs once for the whole process.
bool isOnceCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return false;
  const std::string Name = Callee->getQualifiedNameAsString();
  return Name == "std::call_once" || Name == "boost::call_once" ||
         Name == "absl::call_once" || Name == "pthread_once";
}

class OnceAnalysis {
public:
  explicit OnceAnalysis(TranslationUnitIndex &Index)
      : Index(Index), Parents(Index.parents()), Context(Index.context()) {}

  /// Whether \p Node, in user code, runs at most once per process.
  bool atOnce(const DynTypedNode &Node, unsigned Depth) {
    // Up to the function: a loop repeats it, a once-call or a static's
    // initializer runs it once, the function's callers decide otherwise.
    DynTypedNode Current = Node;
    while (true) {
      const ArrayRef<DynTypedNode> Up = Parents.parents(Current, Context);
      // A lambda's body is reached from the lambda and from its call
      // operator: the lambda is where it is written.
      const auto *Lambda = llvm::find_if(Up, [](const DynTypedNode &Parent) {
        return Parent.get<LambdaExpr>() != nullptr;
      });
      if (Lambda != Up.end())
        return lambdaRunsOnce(Lambda->get<LambdaExpr>(), Depth);
      if (Up.size() != 1)
        return false;
      Current = Up[0];
      if (const auto *S = Current.get<Stmt>()) {
        if (isLoop(S))
          return false;
        if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
          return lambdaRunsOnce(Lambda, Depth);
        if (isOnceCall(dyn_cast<CallExpr>(S)))
          return true;
        continue;
      }
      if (const auto *Var = Current.get<VarDecl>()) {
        if (Var->isStaticLocal())
          return true;
        continue;
      }
      // A lambda's call operator and class lead up to the lambda itself.
      if (const auto *Function = Current.get<FunctionDecl>()) {
        const auto *Method = dyn_cast<CXXMethodDecl>(Function);
        if (!Method || !Method->getParent()->isLambda())
          return functionRunsOnce(Function, Depth);
        continue;
      }
      if (const auto *Record = Current.get<CXXRecordDecl>();
          Record && Record->isLambda())
        continue;
      return false;
    }
  }

private:
  /// The call \p E is an argument of, through the temporaries, casts and
  /// copies around it; null when it is not one.
  const CallExpr *callTaking(const Expr *E) {
    DynTypedNode Current = DynTypedNode::create(*E);
    while (true) {
      const ArrayRef<DynTypedNode> Up = Parents.parents(Current, Context);
      if (Up.size() != 1)
        return nullptr;
      const auto *Parent = Up[0].get<Expr>();
      if (const auto *Call = dyn_cast_or_null<CallExpr>(Parent))
        return Call;
      if (!isa_and_nonnull<MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                           ImplicitCastExpr, ExprWithCleanups, ParenExpr,
                           CXXConstructExpr, CXXFunctionalCastExpr,
                           UnaryOperator>(Parent))
        return nullptr;
      Current = Up[0];
    }
  }

  /// A lambda written as the argument of a once-call, or called right where
  /// it is written, runs when its surroundings do.
  bool lambdaRunsOnce(const LambdaExpr *Lambda, unsigned Depth) {
    const CallExpr *Call = callTaking(Lambda);
    if (isOnceCall(Call))
      return true;
    if (const auto *Invoke = dyn_cast_or_null<CXXOperatorCallExpr>(Call);
        Invoke && Invoke->getOperator() == OO_Call)
      return atOnce(DynTypedNode::create(*Invoke), Depth);
    return false;
  }

  /// Called only where it runs once: directly from such code, or handed only
  /// to once-calls (`pthread_once(&once, init)`).
  bool functionRunsOnce(const FunctionDecl *Function, unsigned Depth) {
    if (isEntryPoint(Function))
      return true;
    const InternalUse *Use = Index.internalUse(Function);
    if (!Use || (Use->Calls.empty() && Use->Addresses.empty()) ||
        Depth >= MaxCallerDepth ||
        llvm::any_of(
            Use->Addresses,
            [&](const Expr *E) { return !isOnceCall(callTaking(E)); }) ||
        !Visiting.insert(Function->getCanonicalDecl()).second)
      return false;
    const bool Once = llvm::all_of(Use->Calls, [&](const auto &Call) {
      return atOnce(DynTypedNode::create(*Call.first), Depth + 1);
    });
    Visiting.erase(Function->getCanonicalDecl());
    return Once;
  }

  TranslationUnitIndex &Index;
  ParentIndex &Parents;
  ASTContext &Context;
  llvm::DenseSet<const FunctionDecl *> Visiting;
};

/// `T(args)`, `T{args}`: an object built right there, not copied.
bool isConstruction(const Expr *E) {
  E = E->IgnoreImplicit()->IgnoreParenCasts()->IgnoreImplicit();
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  return Construct && !Construct->getConstructor()->isCopyOrMoveConstructor();
}

} // namespace

ObjectHome homeOf(const ValueDecl *Decl, const FunctionDecl *UsedIn,
                  TranslationUnitIndex &Index) {
  if (const auto *Field = dyn_cast_or_null<FieldDecl>(Decl))
    return memberHome(Field, Index);
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Decl))
    return variableHome(Var, UsedIn, Index);
  return {};
}

ObjectUses usesAcross(const ObjectHome &Home, const ObjectApi &Api,
                      TranslationUnitIndex &Index) {
  ObjectUses Uses;
  Uses.Escapes = Home.Open;
  if (!Home.Decl)
    return Uses;
  // A member function that only hands the member out (a getter), and that
  // code outside the class cannot call, is part of the member's code: its
  // callers' uses are the member's.
  llvm::SmallVector<const FunctionDecl *, 2> Getters;
  if (Home.isMember() && !Home.Open)
    for (const FunctionDecl *Function : Home.Code) {
      const ObjectUses Part =
          usesOf(Home.Decl, Function, Api, Index.parents(), Index.context());
      const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      if (Part.Escapes && !Part.EscapesBesidesReturn && Method &&
          Method->getAccess() != AS_public &&
          (Method->getAccess() == AS_private ||
           !Index.classCode(Home.Class).OpenToDerived))
        Getters.push_back(Function);
    }
  for (const FunctionDecl *Function : Home.Code) {
    const ObjectUses Part = usesOf(Home.Decl, Function, Api, Index.parents(),
                                   Index.context(), Getters);
    const bool Getter = llvm::is_contained(Getters, Function);
    Uses.Escapes |= Part.EscapesBesidesReturn || (Part.Escapes && !Getter);
    Uses.EscapesBesidesReturn |= Part.EscapesBesidesReturn;
    if (!Uses.EscapesAt && Uses.Escapes)
      Uses.EscapesAt = Part.EscapesAt;
    for (const auto &[Statement, Kind] : Part.Events)
      Uses.Events[Statement] = Kind;
    Uses.InCallbacks.insert(Part.InCallbacks.begin(), Part.InCallbacks.end());
  }
  return Uses;
}

llvm::SmallVector<GivenValue, 2> valuesGiven(const ObjectHome &Home,
                                             TranslationUnitIndex &Index) {
  llvm::SmallVector<GivenValue, 2> Values;
  if (!Home.Decl)
    return Values;
  ASTContext &Context = Index.context();
  const auto *Field = dyn_cast<FieldDecl>(Home.Decl);
  if (const auto *Var = dyn_cast<VarDecl>(Home.Decl); Var && Var->getInit())
    Values.push_back({Var->getInit(), nullptr, nullptr});
  if (Field && Field->hasInClassInitializer() && Field->getInClassInitializer())
    Values.push_back({Field->getInClassInitializer(), nullptr, nullptr});
  auto Target = ignoringParenImpCasts(
      Field ? expr(memberExpr(
                  member(equalsNode(Field)),
                  hasObjectExpression(ignoringParenImpCasts(cxxThisExpr()))))
            : expr(declRefExpr(to(equalsNode(Home.Decl)))));
  auto Assignment = stmt(anyOf(
      binaryOperator(isAssignmentOperator(), hasLHS(Target),
                     hasRHS(expr().bind("value"))),
      cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                          hasArgument(0, Target),
                          hasArgument(1, expr().bind("value"))),
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("reset"))), on(Target),
                        hasArgument(0, expr().bind("value")))));
  for (const FunctionDecl *Function : Home.Code) {
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Function))
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->isWritten() && Field && Init->getMember() == Field)
          Values.push_back({Init->getInit(), Function, nullptr});
    if (!Function->getBody())
      continue;
    for (const BoundNodes &Nodes : match(findAll(Assignment.bind("assign")),
                                         *Function->getBody(), Context))
      Values.push_back({Nodes.getNodeAs<Expr>("value"), Function,
                        Nodes.getNodeAs<Stmt>("assign")});
  }
  return Values;
}

bool madeOncePerProcess(const ValueDecl *Object, const DynTypedNode &Site,
                        TranslationUnitIndex &Index) {
  // A static object held by value exists once, however often the code that
  // starts it runs; a static pointer or id filled anew by each call does
  // not.
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Object);
      Var && Var->hasGlobalStorage() && Var->getType()->isRecordType() &&
      !isSmartPointer(Var->getType()))
    return true;
  return OnceAnalysis(Index).atOnce(Site, 0);
}

const Expr *strippedValue(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParenCasts()->IgnoreImplicit();
    if (const auto *List = dyn_cast<InitListExpr>(E);
        List && List->getNumInits() == 1) {
      E = List->getInit(0);
      continue;
    }
    // `return std::move(local);`
    if (const auto *Move = dyn_cast<CallExpr>(E);
        Move && Move->getNumArgs() == 1 && Move->getDirectCallee() &&
        Move->getDirectCallee()->isInStdNamespace() &&
        Move->getDirectCallee()->getIdentifier() &&
        Move->getDirectCallee()->getName() == "move") {
      E = Move->getArg(0);
      continue;
    }
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct || Construct->getNumArgs() != 1 ||
        !Construct->getConstructor()->isCopyOrMoveConstructor())
      return E;
    E = Construct->getArg(0);
  }
  return E;
}

const Expr *creationIn(const Expr *Value, ArrayRef<StringRef> Makers) {
  Value = strippedValue(Value);
  if (!Value)
    return nullptr;
  // `std::unique_ptr<CURL, Deleter> h(curl_easy_init(), &cleanup)`.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
      Construct && Construct->getNumArgs() > 0 &&
      isSmartPointer(Construct->getType()))
    return creationIn(Construct->getArg(0), Makers);
  if (isa<CXXNewExpr>(Value))
    return Value;
  const auto *Call = dyn_cast<CallExpr>(Value);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return nullptr;
  const std::string Name = Callee->getQualifiedNameAsString();
  return Name == "malloc" || Name == "calloc" || Name == "std::make_unique" ||
                 Name == "std::make_shared" || Name == "boost::make_shared" ||
                 llvm::is_contained(Makers, Name)
             ? Value
             : nullptr;
}

std::optional<Factory> factoryOf(const Expr *Call, TranslationUnitIndex &Index,
                                 const ObjectApi &Api,
                                 ArrayRef<StringRef> Makers) {
  const auto *AsCall = dyn_cast_or_null<CallExpr>(strippedValue(Call));
  const FunctionDecl *Callee = AsCall ? AsCall->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = nullptr;
  ASTContext &Context = Index.context();
  if (!Callee || isa<CXXOperatorCallExpr>(AsCall) ||
      !Callee->hasBody(Definition) ||
      Context.getSourceManager().isInSystemHeader(Definition->getLocation()))
    return std::nullopt;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Definition);
      Method && Method->isVirtual() && !Method->hasAttr<FinalAttr>())
    return std::nullopt;
  Factory Made;
  Made.Function = Definition;
  Made.MakesWhatItReturns = true;
  bool OneReturned = true;
  for (const BoundNodes &Nodes : match(findAll(returnStmt().bind("return")),
                                       *Definition->getBody(), Context)) {
    const auto *Return = Nodes.getNodeAs<ReturnStmt>("return");
    // A lambda's return is the lambda's.
    if (Index.parents().enclosingFunction(*Return, Context) != Definition)
      continue;
    Made.Returns.push_back(Return);
    const Expr *Value = Return->getRetValue();
    if (!Value) {
      Made.MakesWhatItReturns = false;
      continue;
    }
    // `return request;` moves or copies the local out.
    const ObjectRoot Root = rootOf(strippedValue(Value), Api);
    if (!Root.Decl) {
      OneReturned = false;
      Made.MakesWhatItReturns &=
          creationIn(Value, Makers) != nullptr || isConstruction(Value);
      continue;
    }
    if (Made.Returned && Made.Returned != Root.Decl)
      OneReturned = false;
    Made.Returned = Root.Decl;
    const auto *Var = dyn_cast<VarDecl>(Root.Decl);
    Made.MakesWhatItReturns &= Var && Var->isLocalVarDecl() &&
                               !Var->isStaticLocal() &&
                               Var->getParentFunctionOrMethod() == Definition;
  }
  if (!OneReturned)
    Made.Returned = nullptr;
  if (Made.Returns.empty())
    return std::nullopt;
  return Made;
}

Making makingOf(const VarDecl *Var, const FunctionDecl *Owner,
                ArrayRef<StringRef> Makers, const ObjectApi &Api,
                TranslationUnitIndex &Index) {
  Making Result;
  ASTContext &Context = Index.context();
  const QualType Type = Var->getType();
  llvm::SmallVector<const Expr *, 4> Values;
  if (Var->getInit())
    Values.push_back(Var->getInit());
  if (Type->isRecordType() && !isSmartPointer(Type)) {
    // Held by value: built by its declaration, or copied from another
    // object or from what a function returns.
    const Expr *Init = Var->getInit();
    if (!Init || isa<InitListExpr>(Init->IgnoreImplicit()) ||
        isConstruction(Init)) {
      Result.Known = true;
      return Result;
    }
  } else {
    ObjectHome Home;
    Home.Kind = HomeKind::Local;
    Home.Decl = Var;
    Home.Code.push_back(Owner);
    Values.clear();
    for (const GivenValue &Given : valuesGiven(Home, Index))
      Values.push_back(Given.Value);
  }
  for (const Expr *Value : Values) {
    if (Value->IgnoreParenImpCasts()->isNullPointerConstant(
            Context, Expr::NPC_ValueDependentIsNotNull))
      continue;
    if (const Expr *Creation = creationIn(Value, Makers)) {
      Result.Creation = Creation;
      continue;
    }
    if (Values.size() == 1) {
      if (std::optional<Factory> Made = factoryOf(Value, Index, Api, Makers)) {
        Result.ByFactory = std::move(Made);
        Result.Known = true;
        return Result;
      }
      if (rootOf(strippedValue(Value), Api).Decl) {
        Result.CopiedFrom = strippedValue(Value);
        Result.Known = true;
        return Result;
      }
    }
    return Result;
  }
  Result.Known = Result.Creation != nullptr;
  return Result;
}

} // namespace clang::tidy::leak::utils
