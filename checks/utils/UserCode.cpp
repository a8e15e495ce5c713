//===--- UserCode.cpp - leak-tidy -----------------------------------------===//

#include "UserCode.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include <cstdlib>

namespace clang::tidy::leak::utils {

using namespace ast_matchers;

namespace {
/// The top-level declarations the MatchFinder traverses. clangd limits the
/// traversal to the main file's own, and reading the whole translation unit
/// there would load every declaration of its preamble for nothing.
llvm::SmallVector<Decl *, 0> traversedTopLevelDecls(ASTContext &Context) {
  const std::vector<Decl *> Scope = Context.getTraversalScope();
  if (Scope.size() == 1 && isa<TranslationUnitDecl>(Scope.front()))
    return llvm::SmallVector<Decl *, 0>(
        Context.getTranslationUnitDecl()->decls());
  return llvm::SmallVector<Decl *, 0>(Scope.begin(), Scope.end());
}
} // namespace

llvm::SmallVector<Decl *, 0> userTopLevelDecls(ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  llvm::SmallVector<Decl *, 0> Decls;
  for (Decl *TopLevel : traversedTopLevelDecls(Context)) {
    const SourceLocation Loc = TopLevel->getLocation();
    if (Loc.isValid() && !SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
      Decls.push_back(TopLevel);
  }
  return Decls;
}

ReportedFiles::ReportedFiles(const ClangTidyOptions &Options) {
  if (Options.HeaderFilterRegex && !Options.HeaderFilterRegex->empty())
    HeaderFilter.emplace(*Options.HeaderFilterRegex);
  if (Options.ExcludeHeaderFilterRegex &&
      !Options.ExcludeHeaderFilterRegex->empty())
    ExcludeHeaderFilter.emplace(*Options.ExcludeHeaderFilterRegex);
}

namespace {
/// protoc's output (`*.pb.h`, `*.pb.cc`, `*.grpc.pb.h`): nobody edits it, so
/// a warning there has no one to act on it. Its callers are checked instead.
bool isGeneratedByProtoc(StringRef FileName) {
  return FileName.ends_with(".pb.h") || FileName.ends_with(".pb.cc");
}
} // namespace

bool ReportedFiles::contains(SourceLocation Loc,
                             const SourceManager &SM) const {
  Loc = SM.getExpansionLoc(Loc);
  const OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
  if (File && isGeneratedByProtoc(File->getName()))
    return false;
  if (SM.isInMainFile(Loc))
    return true;
  if (!HeaderFilter)
    return false;
  // Code from a -D or -include on the command line has no file; clang-tidy
  // reports on it.
  if (!File)
    return true;
  return HeaderFilter->match(File->getName()) &&
         !(ExcludeHeaderFilter && ExcludeHeaderFilter->match(File->getName()));
}

void ExaminedSites::add(SourceLocation Loc, const SourceManager &SM) {
  ++PerFile[SM.getFileID(SM.getExpansionLoc(Loc))];
}

bool leakTidyRunAsks(const char *Variable) {
  const char *Value = std::getenv(Variable);
  return Value && *Value && StringRef(Value) != "0";
}

namespace {
bool examinedCountsWanted() {
  static const bool Wanted = leakTidyRunAsks("LEAK_TIDY_EXAMINED");
  return Wanted;
}
} // namespace

void ExaminedSites::report(ClangTidyCheck &Check, const SourceManager &SM,
                           StringRef Site, StringRef Sites) const {
  if (!examinedCountsWanted())
    return;
  // Zero in the main file says that the check ran.
  llvm::DenseMap<FileID, unsigned> Counts = PerFile;
  Counts.try_emplace(SM.getMainFileID(), 0);
  for (const auto &[File, Count] : Counts) {
    const OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
    if (!Entry)
      continue;
    // The runner is not in the compile command's directory.
    llvm::SmallString<256> Path(Entry->getFileEntry().tryGetRealPathName());
    if (Path.empty()) {
      Path = Entry->getName();
      SM.getFileManager().makeAbsolutePath(Path);
    }
    Check.diag("examined %0 %1 in %2", DiagnosticIDs::Remark)
        << Count << (Count == 1 ? Site : Sites) << Path;
  }
}

ExaminedSites
forEachMatchInUserCode(ArrayRef<StatementMatcher> Candidates,
                       const ReportedFiles &Reported, ASTContext &Context,
                       llvm::function_ref<void(const BoundNodes &)> OnMatch) {
  const StatementMatcher Any = internal::DynTypedMatcher::constructVariadic(
                                   internal::DynTypedMatcher::VO_EachOf,
                                   ASTNodeKind::getFromNodeKind<Stmt>(),
                                   {Candidates.begin(), Candidates.end()})
                                   .convertTo<Stmt>();
  const auto InDeclaration = traverse(TK_AsIs, decl(forEachDescendant(Any)));
  const SourceManager &SM = Context.getSourceManager();
  ExaminedSites Matches;
  for (Decl *TopLevel : userTopLevelDecls(Context))
    if (Reported.contains(TopLevel->getLocation(), SM))
      for (const BoundNodes &Nodes : match(InDeclaration, *TopLevel, Context)) {
        Matches.add(TopLevel->getLocation(), SM);
        OnMatch(Nodes);
      }
  return Matches;
}

const FunctionDecl *soleNodeOwner(const BoundNodes &Nodes, ParentIndex &Parents,
                                  ASTContext &Context) {
  const BoundNodes::IDToNodeMap &Bound = Nodes.getMap();
  return Bound.size() == 1
             ? Parents.enclosingFunction(Bound.begin()->second, Context)
             : nullptr;
}

} // namespace clang::tidy::leak::utils
