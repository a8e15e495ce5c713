//===--- TrackedObject.h - leak-tidy --------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_TRACKEDOBJECT_H
#define LEAK_TIDY_CHECKS_UTILS_TRACKEDOBJECT_H

#include "ParentIndex.h"
#include "SettingFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::leak::utils {

/// What one use of an object does, as far as a setting on it is concerned.
enum class UseEffect : std::uint8_t { Neutral, Finite, Infinite, Escapes };

/// A library's knowledge of its own object type: which of its calls set the
/// setting, which only use the object, and how its layers are reached.
class ObjectApi {
public:
  virtual ~ObjectApi() = default;
  /// The effect of member call \p Call on the object; Neutral by default.
  virtual UseEffect memberCall(const CXXMemberCallExpr *Call,
                               ASTContext &Context) const {
    return UseEffect::Neutral;
  }
  /// The effect of \p Call taking the object as argument \p Index, or none
  /// when \p Call is not one of the library's functions.
  virtual std::optional<UseEffect>
  argumentOf(const CallExpr *Call, unsigned Index, ASTContext &Context) const {
    return std::nullopt;
  }
  /// The object whose layer \p E reaches (`ws` for `get_lowest_layer(ws)`),
  /// so that uses of \p E are uses of that object; null for anything else.
  virtual const Expr *innerLayer(const Expr *E) const { return nullptr; }
  /// The effect of `delete` on the object; Neutral by default.
  virtual UseEffect deleted() const { return UseEffect::Neutral; }
};

/// The variable or data member an object expression is reached through:
/// `x`, `&x`, `*p`, `p->`, `p.get()`, `this->m`, `(base_t *)&x`.
struct ObjectRoot {
  const ValueDecl *Decl = nullptr;
  /// The object is reached through a pointer or smart pointer.
  bool Indirect = false;
  /// The expression that names it: a DeclRefExpr or a MemberExpr.
  const Expr *Named = nullptr;
};

/// Strips address-of, dereference, smart pointer get()/->/* and the layers
/// \p Api knows from \p E. Returns no root for anything else.
ObjectRoot rootOf(const Expr *E, const ObjectApi &Api);

/// What happens to one object in the code that is followed.
struct ObjectUses {
  bool Escapes = false;
  /// It escapes other than by being returned (what a factory does).
  bool EscapesBesidesReturn = false;
  /// The first use that lets the object escape, for notes.
  const Expr *EscapesAt = nullptr;
  /// The calls that set the setting, directly or through a helper.
  SettingEvents Events;
  /// The events written in a lambda or block rather than in the function
  /// itself: they happen whenever that code runs, on no path of its own.
  llvm::SmallPtrSet<const Stmt *, 2> InCallbacks;
};

/// Classifies every use of \p Object (a variable, or a data member reached
/// through `this`) in \p Function (its body with the lambdas written there
/// and, for a constructor, its initializers) through \p Api. Calls that
/// take the object and whose body is in the translation unit are followed
/// (a few levels) and become one event at the call site; a reference, or a
/// copy of the pointer that holds it, is followed as the object.
/// A call on `this` to one of \p Getters (member functions that return the
/// member) is a use of the member too.
ObjectUses usesOf(const ValueDecl *Object, const FunctionDecl *Function,
                  const ObjectApi &Api, ParentIndex &Parents,
                  ASTContext &Context,
                  ArrayRef<const FunctionDecl *> Getters = {});

/// Whether \p Var is a plain local variable of \p Function (not a parameter,
/// static or reference) whose uses can all be seen.
bool isOwnedLocal(const VarDecl *Var, const FunctionDecl *Function);

/// `X.` or `X->`: how inserted code reaches the object that \p E names at
/// the flagged call (`&ctx` gives `ctx.`, `ctx.get()` gives `ctx->`).
std::string memberAccess(const Expr *E, const ASTContext &Context);

/// Whether a function whose parameter has type \p ParamType cannot change
/// the object it is given: a copy of it, or a reference or pointer to const.
bool cannotChange(QualType ParamType);

/// `v.` or `v->`: how inserted code reaches the object \p Var holds.
std::string accessThrough(const VarDecl *Var);

/// Whether \p Type is std::unique_ptr or std::shared_ptr.
bool isSmartPointer(QualType Type);
/// Whether \p Type is a std::unique_ptr: the one owner of its object.
bool isUniquePointer(QualType Type);

} // namespace clang::tidy::leak::utils

#endif
