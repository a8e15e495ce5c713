//===--- TypeSpelling.cpp - leak-tidy -------------------------------------===//

#include "TypeSpelling.h"
#include "clang/Basic/Version.h"

namespace clang::tidy::leak::utils {

#if CLANG_VERSION_MAJOR >= 22

TypeLoc namedTypeLoc(TypeLoc TL) { return TL.getUnqualifiedLoc(); }

bool hasWrittenScope(TypeLoc TL) {
  TL = TL.getUnqualifiedLoc();
  if (auto Tag = TL.getAs<TagTypeLoc>())
    return bool(Tag.getQualifierLoc());
  if (auto Specialization = TL.getAs<TemplateSpecializationTypeLoc>())
    return bool(Specialization.getQualifierLoc());
  return false;
}

#else

TypeLoc namedTypeLoc(TypeLoc TL) {
  TL = TL.getUnqualifiedLoc();
  if (auto Elaborated = TL.getAs<ElaboratedTypeLoc>())
    return Elaborated.getNamedTypeLoc().getUnqualifiedLoc();
  return TL;
}

bool hasWrittenScope(TypeLoc TL) {
  if (auto Elaborated = TL.getUnqualifiedLoc().getAs<ElaboratedTypeLoc>())
    return bool(Elaborated.getQualifierLoc());
  return false;
}

#endif

} // namespace clang::tidy::leak::utils
