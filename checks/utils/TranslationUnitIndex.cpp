//===--- TranslationUnitIndex.cpp - leak-tidy -----------------------------===//

#include "TranslationUnitIndex.h"
#include "UserCode.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include <mutex>

namespace clang::tidy::leak::utils {

namespace {

// clangd builds ASTs on several threads at once.
std::mutex IndexesLock;
llvm::DenseMap<const ASTContext *, std::unique_ptr<TranslationUnitIndex>> &
indexes() {
  static llvm::DenseMap<const ASTContext *,
                        std::unique_ptr<TranslationUnitIndex>>
      Map;
  return Map;
}

void forgetIndex(void *Context) {
  const std::lock_guard<std::mutex> Guard(IndexesLock);
  indexes().erase(static_cast<const ASTContext *>(Context));
}

bool hasInternalLinkage(const NamedDecl *D) {
  return D->getFormalLinkage() == Linkage::Internal;
}

/// Collects, over user code, who calls each function with internal linkage
/// and which functions name each variable with internal linkage.
class ReferenceCollector : public RecursiveASTVisitor<ReferenceCollector> {
  using Base = RecursiveASTVisitor<ReferenceCollector>;

public:
  ReferenceCollector(
      llvm::DenseMap<const FunctionDecl *, InternalUse> &Internal,
      llvm::DenseMap<const VarDecl *,
                     llvm::SmallVector<const FunctionDecl *, 4>> &Naming)
      : Internal(Internal), Naming(Naming) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseFunctionDecl(FunctionDecl *F) {
    return within(F, [&] { return Base::TraverseFunctionDecl(F); });
  }
  bool TraverseCXXMethodDecl(CXXMethodDecl *F) {
    return within(F, [&] { return Base::TraverseCXXMethodDecl(F); });
  }
  bool TraverseCXXConstructorDecl(CXXConstructorDecl *F) {
    return within(F, [&] { return Base::TraverseCXXConstructorDecl(F); });
  }
  bool TraverseCXXDestructorDecl(CXXDestructorDecl *F) {
    return within(F, [&] { return Base::TraverseCXXDestructorDecl(F); });
  }
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    return within(Lambda->getCallOperator(),
                  [&] { return Base::TraverseLambdaExpr(Lambda); });
  }

  bool VisitCallExpr(CallExpr *Call) {
    const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
      Callees.insert(Ref);
    else if (const auto *Member = dyn_cast<MemberExpr>(Callee))
      Callees.insert(Member);
    if (const FunctionDecl *Target = Call->getDirectCallee();
        Target && hasInternalLinkage(Target))
      Internal[Target->getCanonicalDecl()].Calls.emplace_back(Call, current());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasGlobalStorage() && !Var->isStaticLocal() &&
        hasInternalLinkage(Var) && current()) {
      auto &Functions = Naming[Var->getCanonicalDecl()];
      if (!llvm::is_contained(Functions, current()))
        Functions.push_back(current());
    }
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl()))
      Named.emplace_back(Ref, Function);
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl()))
      Named.emplace_back(Member, Method);
    return true;
  }

  /// A function named other than as the callee of a call has its address
  /// taken (a callback, a pointer to member, a std::function).
  void finish() {
    for (const auto &[Reference, Function] : Named)
      if (!Callees.contains(Reference) && hasInternalLinkage(Function))
        Internal[Function->getCanonicalDecl()].Addresses.push_back(Reference);
  }

private:
  template <typename TraverseFn>
  bool within(const FunctionDecl *F, TraverseFn Traverse) {
    Stack.push_back(F);
    const bool Continue = Traverse();
    Stack.pop_back();
    return Continue;
  }
  const FunctionDecl *current() const {
    return Stack.empty() ? nullptr : Stack.back();
  }

  llvm::DenseMap<const FunctionDecl *, InternalUse> &Internal;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const FunctionDecl *, 4>>
      &Naming;
  llvm::SmallVector<const FunctionDecl *, 8> Stack;
  llvm::DenseSet<const Expr *> Callees;
  llvm::SmallVector<std::pair<const Expr *, const FunctionDecl *>, 64> Named;
};

/// Collects each class definition in user code by its direct bases.
class DerivedCollector : public RecursiveASTVisitor<DerivedCollector> {
public:
  explicit DerivedCollector(
      llvm::DenseMap<const CXXRecordDecl *,
                     llvm::SmallVector<const CXXRecordDecl *, 2>> &Derived)
      : Derived(Derived) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCXXRecordDecl(CXXRecordDecl *Record) {
    if (!Record->isThisDeclarationADefinition())
      return true;
    for (const CXXBaseSpecifier &Base : Record->bases())
      if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
        Derived[BaseClass->getCanonicalDecl()].push_back(Record);
    return true;
  }

private:
  llvm::DenseMap<const CXXRecordDecl *,
                 llvm::SmallVector<const CXXRecordDecl *, 2>> &Derived;
};

/// Whether \p Loc was written by one of the macros named \p Names,
/// however deep inside it.
bool expandedFrom(SourceLocation Loc, ArrayRef<StringRef> Names,
                  const SourceManager &SM, const LangOptions &LangOpts) {
  for (; Loc.isMacroID(); Loc = SM.getImmediateMacroCallerLoc(Loc))
    if (llvm::is_contained(Names,
                           Lexer::getImmediateMacroName(Loc, SM, LangOpts)))
      return true;
  return false;
}

/// Whether moc writes \p Method's body, in a file of its own: the functions
/// Q_OBJECT declares and the signals. They only dispatch to the class's
/// slots and emit; they touch none of its members.
bool writtenByMoc(const CXXMethodDecl *Method) {
  const ASTContext &Context = Method->getASTContext();
  const SourceManager &SM = Context.getSourceManager();
  const LangOptions &LangOpts = Context.getLangOpts();
  if (expandedFrom(Method->getLocation(), {"Q_OBJECT", "Q_GADGET"}, SM,
                   LangOpts))
    return true;
  // The access specifier that last precedes it: `signals:`, `Q_SIGNALS:`.
  const AccessSpecDecl *Access = nullptr;
  for (const Decl *Member : Method->getParent()->decls()) {
    if (Member == Method)
      break;
    if (const auto *Spec = dyn_cast<AccessSpecDecl>(Member))
      Access = Spec;
  }
  return Access && expandedFrom(Access->getAccessSpecifierLoc(),
                                {"signals", "Q_SIGNALS"}, SM, LangOpts);
}

/// The definition of \p Method to read, or null with \p Complete cleared
/// when it has none here. A member of a class template instance that was
/// never instantiated leaves the class incomplete: its pattern is dependent
/// code, where calls on the members are not resolved.
const FunctionDecl *definitionOf(const CXXMethodDecl *Method, bool &Complete) {
  if (Method->isImplicit() || Method->isDeleted() || Method->isDefaulted() ||
      Method->isPureVirtual() || writtenByMoc(Method))
    return Method->getDefinition();
  const FunctionDecl *Definition = Method->getDefinition();
  if (!Definition || !Definition->hasBody())
    Complete = false;
  return Definition;
}

void addClass(
    const CXXRecordDecl *Class,
    const llvm::DenseMap<const CXXRecordDecl *,
                         llvm::SmallVector<const CXXRecordDecl *, 2>> &Derived,
    ClassCode &Code, llvm::SmallPtrSetImpl<const void *> &Seen) {
  if (!Seen.insert(Class).second)
    return;
  if (!Class->friends().empty())
    Code.Complete = false;
  for (const CXXMethodDecl *Method : Class->methods())
    if (const FunctionDecl *Definition = definitionOf(Method, Code.Complete);
        Definition && Definition->hasBody() &&
        !llvm::is_contained(Code.Functions, Definition))
      Code.Functions.push_back(Definition);
  // Member function templates: each instantiation, and the pattern, which
  // another file may instantiate (a dependent use of a member there makes
  // it escape).
  for (const Decl *Member : Class->decls())
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member)) {
      for (const FunctionDecl *Instance : Template->specializations())
        if (const FunctionDecl *Definition = Instance->getDefinition();
            Definition && Definition->hasBody())
          Code.Functions.push_back(Definition);
      const FunctionDecl *Pattern = Template->getTemplatedDecl();
      if (const FunctionDecl *Definition = Pattern->getDefinition();
          Definition && Definition->hasBody())
        Code.Functions.push_back(Definition);
      else
        Code.Complete = false;
    }
  if (auto Found = Derived.find(Class->getCanonicalDecl());
      Found != Derived.end())
    for (const CXXRecordDecl *Sub : Found->second)
      addClass(Sub, Derived, Code, Seen);
}

} // namespace

TranslationUnitIndex &TranslationUnitIndex::of(ASTContext &Context) {
  const std::lock_guard<std::mutex> Guard(IndexesLock);
  std::unique_ptr<TranslationUnitIndex> &Index = indexes()[&Context];
  if (!Index) {
    Index = std::make_unique<TranslationUnitIndex>(Context);
    Context.AddDeallocation(forgetIndex, &Context);
  }
  return *Index;
}

const ClassCode &TranslationUnitIndex::classCode(const CXXRecordDecl *Class) {
  Class = Class->getDefinition() ? Class->getDefinition() : Class;
  std::unique_ptr<ClassCode> &Code = Classes[Class];
  if (Code)
    return *Code;
  Code = std::make_unique<ClassCode>();
  if (!Derived) {
    Derived.emplace();
    DerivedCollector Collector(*Derived);
    for (Decl *TopLevel : userTopLevelDecls(Context))
      Collector.TraverseDecl(TopLevel);
  }
  Code->Complete = Class->hasDefinition();
  llvm::SmallPtrSet<const void *, 4> Seen;
  if (Code->Complete)
    addClass(Class, *Derived, *Code, Seen);
  const SourceManager &SM = Context.getSourceManager();
  Code->OpenToDerived =
      !Class->hasAttr<FinalAttr>() &&
      !SM.isInMainFile(SM.getExpansionLoc(Class->getLocation()));
  return *Code;
}

void TranslationUnitIndex::indexReferences() {
  if (ReferencesIndexed)
    return;
  ReferencesIndexed = true;
  ReferenceCollector Collector(Internal, Naming);
  for (Decl *TopLevel : userTopLevelDecls(Context))
    Collector.TraverseDecl(TopLevel);
  Collector.finish();
}

const InternalUse *
TranslationUnitIndex::internalUse(const FunctionDecl *Function) {
  if (!hasInternalLinkage(Function))
    return nullptr;
  indexReferences();
  return &Internal[Function->getCanonicalDecl()];
}

ArrayRef<const FunctionDecl *>
TranslationUnitIndex::functionsNaming(const VarDecl *Var) {
  indexReferences();
  auto Found = Naming.find(Var->getCanonicalDecl());
  return Found == Naming.end() ? ArrayRef<const FunctionDecl *>()
                               : ArrayRef<const FunctionDecl *>(Found->second);
}

} // namespace clang::tidy::leak::utils
