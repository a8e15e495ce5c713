//===--- StopTokenFix.cpp - leak-tidy -------------------------------------===//

#include "StopTokenFix.h"
#include "EndlessLoop.h"
#include "TypeSpelling.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

namespace {

/// Replaces the spelling of std::thread in \p Loc by std::jthread.
std::optional<FixItHint> retypeToJThread(TypeLoc Loc) {
  // An alias, a template parameter, auto: not ours to edit.
  auto Record = namedTypeLoc(Loc).getAs<RecordTypeLoc>();
  if (!Record || Record.getNameLoc().isMacroID())
    return std::nullopt;
  // `using std::thread;` then `thread t` keeps no scope to reuse.
  return FixItHint::CreateReplacement(
      Record.getNameLoc(), hasWrittenScope(Loc) ? "jthread" : "std::jthread");
}

/// The type spelled by the construction itself (`std::thread(...)` or
/// `std::thread{...}`), if it spells one.
std::optional<TypeLoc>
spelledConstructionType(const CXXConstructExpr *Construct, ParentIndex &Parents,
                        ASTContext &Context) {
  if (const auto *Temporary = dyn_cast<CXXTemporaryObjectExpr>(Construct))
    return Temporary->getTypeSourceInfo()->getTypeLoc();
  // `std::thread(f)` with one argument is a functional cast around the call.
  ArrayRef<DynTypedNode> Above = Parents.parents(*Construct, Context);
  while (Above.size() == 1) {
    if (const auto *Cast = Above[0].get<CXXFunctionalCastExpr>())
      return Cast->getTypeInfoAsWritten()->getTypeLoc();
    if (!Above[0].get<CXXBindTemporaryExpr>() &&
        !Above[0].get<ImplicitCastExpr>())
      break;
    Above = Parents.parents(Above[0], Context);
  }
  return std::nullopt;
}

std::string unusedTokenName(const LambdaExpr *Lambda, ASTContext &Context) {
  llvm::StringSet<> Used;
  for (const BoundNodes &Nodes :
       match(stmt(forEachDescendant(namedDecl().bind("decl"))),
             *Lambda->getBody(), Context))
    Used.insert(Nodes.getNodeAs<NamedDecl>("decl")->getName());
  for (const BoundNodes &Nodes :
       match(findAll(declRefExpr().bind("ref")), *Lambda->getBody(), Context))
    if (const IdentifierInfo *Id =
            Nodes.getNodeAs<DeclRefExpr>("ref")->getDecl()->getIdentifier())
      Used.insert(Id->getName());
  for (const ParmVarDecl *Param : Lambda->getCallOperator()->parameters())
    Used.insert(Param->getName());
  for (StringRef Candidate : {"token", "stop_token", "stoken", "stop_tok"})
    if (!Used.contains(Candidate))
      return Candidate.str();
  return "";
}

std::optional<FixItHint> addTokenParameter(const LambdaExpr *Lambda,
                                           StringRef TokenName,
                                           const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const LangOptions &LangOpts = Context.getLangOpts();
  const std::string Param = ("std::stop_token " + TokenName).str();
  if (!Lambda->hasExplicitParameters()) {
    SourceLocation AfterCaptures = Lexer::getLocForEndOfToken(
        Lambda->getIntroducerRange().getEnd(), 0, SM, LangOpts);
    if (AfterCaptures.isInvalid() || AfterCaptures.isMacroID())
      return std::nullopt;
    return FixItHint::CreateInsertion(AfterCaptures, "(" + Param + ")");
  }
  const CXXMethodDecl *Call = Lambda->getCallOperator();
  if (Call->getNumParams() > 0) {
    SourceLocation First = Call->getParamDecl(0)->getBeginLoc();
    if (First.isMacroID())
      return std::nullopt;
    return FixItHint::CreateInsertion(First, Param + ", ");
  }
  auto Function =
      Call->getTypeSourceInfo()->getTypeLoc().getAs<FunctionTypeLoc>();
  if (!Function || Function.getLParenLoc().isMacroID())
    return std::nullopt;
  return FixItHint::CreateInsertion(Function.getLParenLoc().getLocWithOffset(1),
                                    Param);
}

/// Makes the loop's condition `!token.stop_requested()`.
std::optional<FixItHint> checkTokenInLoop(const Stmt *Loop, StringRef TokenName,
                                          const ASTContext &Context) {
  const std::string Condition = ("!" + TokenName + ".stop_requested()").str();
  if (const Expr *Cond = loopCondition(Loop)) {
    const CharSourceRange Range =
        CharSourceRange::getTokenRange(Cond->getSourceRange());
    if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
      return std::nullopt;
    return FixItHint::CreateReplacement(Range, Condition);
  }
  // for (init; ; step): the condition goes before the second top-level ';'.
  const auto *For = cast<ForStmt>(Loop);
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation Loc = For->getLParenLoc();
  if (Loc.isMacroID())
    return std::nullopt;
  int Depth = 0;
  unsigned Semicolons = 0;
  while (true) {
    std::optional<Token> Next =
        Lexer::findNextToken(Loc, SM, Context.getLangOpts());
    if (!Next || Next->is(tok::eof) || Next->getLocation().isMacroID())
      return std::nullopt;
    Loc = Next->getLocation();
    if (Next->isOneOf(tok::l_paren, tok::l_brace, tok::l_square))
      ++Depth;
    else if (Next->isOneOf(tok::r_paren, tok::r_brace, tok::r_square) &&
             --Depth < 0)
      return std::nullopt;
    else if (Depth == 0 && Next->is(tok::semi) && ++Semicolons == 2)
      return FixItHint::CreateInsertion(Loc, " " + Condition);
  }
}

/// Removes `t.detach();` together with its line when it stands alone on it.
std::optional<FixItHint> removeStatement(const CXXMemberCallExpr *Call,
                                         ParentIndex &Parents,
                                         ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const Stmt *Statement = Call;
  ArrayRef<DynTypedNode> Above = Parents.parents(*Call, Context);
  if (Above.size() == 1)
    if (const auto *Cleanups = Above[0].get<ExprWithCleanups>()) {
      Statement = Cleanups;
      Above = Parents.parents(*Cleanups, Context);
    }
  if (Above.size() != 1 || !Above[0].get<CompoundStmt>())
    return std::nullopt;
  const SourceLocation Begin = Statement->getBeginLoc();
  const SourceLocation AfterSemi = Lexer::findLocationAfterToken(
      Statement->getEndLoc(), tok::semi, SM, Context.getLangOpts(),
      /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (Begin.isMacroID() || AfterSemi.isInvalid())
    return std::nullopt;
  const auto [File, BeginOffset] = SM.getDecomposedLoc(Begin);
  const StringRef Buffer = SM.getBufferData(File);
  const unsigned LineStart = Buffer.rfind('\n', BeginOffset) + 1;
  const unsigned SemiEnd = SM.getFileOffset(AfterSemi);
  const unsigned LineEnd = Buffer.find_first_not_of(" \t", SemiEnd);
  unsigned RemoveFrom = BeginOffset, RemoveTo = SemiEnd;
  // Alone on its line: take the line away with the newline before it. (Not
  // the one after: clang's fix-it merging widens a removal that has
  // whitespace on both sides, and would eat the next line's indentation.)
  if (LineStart > 0 && Buffer.slice(LineStart, BeginOffset).trim().empty() &&
      (LineEnd == Buffer.size() || Buffer[LineEnd] == '\n')) {
    RemoveFrom = LineStart - 1;
    RemoveTo = LineEnd;
  }
  const SourceLocation FileStart = SM.getLocForStartOfFile(File);
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(
      FileStart.getLocWithOffset(static_cast<int>(RemoveFrom)),
      FileStart.getLocWithOffset(static_cast<int>(RemoveTo))));
}

} // namespace

std::optional<llvm::SmallVector<FixItHint, 6>>
makeStopTokenRewrite(const StopTokenRewrite &Parts, ParentIndex &Parents,
                     ASTContext &Context) {
  llvm::SmallVector<FixItHint, 6> Fixes;
  auto Add = [&Fixes](std::optional<FixItHint> Fix) {
    if (Fix)
      Fixes.push_back(std::move(*Fix));
    return Fix.has_value();
  };

  const TypeLoc DeclaredType = Parts.Thread->getTypeSourceInfo()->getTypeLoc();
  std::optional<TypeLoc> ConstructedType =
      spelledConstructionType(Parts.Construction, Parents, Context);
  const bool DeclaredAuto = !DeclaredType.getAs<AutoTypeLoc>().isNull() ||
                            !DeclaredType.getAs<DeducedTypeLoc>().isNull();
  if (!DeclaredAuto && !Add(retypeToJThread(DeclaredType)))
    return std::nullopt;
  if (ConstructedType && !Add(retypeToJThread(*ConstructedType)))
    return std::nullopt;
  if (DeclaredAuto && !ConstructedType)
    return std::nullopt;

  const std::string TokenName = unusedTokenName(Parts.Lambda, Context);
  if (TokenName.empty() ||
      !Add(addTokenParameter(Parts.Lambda, TokenName, Context)) ||
      !Add(checkTokenInLoop(Parts.Loop, TokenName, Context)) ||
      !Add(removeStatement(Parts.Detach, Parents, Context)))
    return std::nullopt;
  return Fixes;
}

bool declaresJThread(const ASTContext &Context) {
  const IdentifierInfo &Std = Context.Idents.get("std");
  const IdentifierInfo &JThread = Context.Idents.get("jthread");
  for (const NamedDecl *D : Context.getTranslationUnitDecl()->lookup(&Std)) {
    const auto *Namespace = dyn_cast<NamespaceDecl>(D);
    if (!Namespace)
      continue;
    // libc++ declares it in an inline namespace (std::__1).
    llvm::SmallVector<const DeclContext *, 2> Scopes{Namespace};
    for (const NamespaceDecl *Redecl : Namespace->redecls())
      for (const Decl *Inner : Redecl->decls())
        if (const auto *Inline = dyn_cast<NamespaceDecl>(Inner);
            Inline && Inline->isInline())
          Scopes.push_back(Inline);
    for (const DeclContext *Scope : Scopes)
      for (const NamedDecl *Found : Scope->lookup(&JThread))
        if (isa<CXXRecordDecl, ClassTemplateDecl, TypedefNameDecl>(Found))
          return true;
  }
  return false;
}

} // namespace clang::tidy::leak::utils
