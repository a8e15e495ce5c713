//===--- ChannelApis.h - leak-tidy ----------------------------------------===//
//
// What the channel libraries' types and member functions do: which channels
// have no room for a value, which calls send, receive, give up or release a
// blocked sender.
//
//===----------------------------------------------------------------------===//

#ifndef LEAK_TIDY_CHECKS_UTILS_CHANNELAPIS_H
#define LEAK_TIDY_CHECKS_UTILS_CHANNELAPIS_H

#include "ParentIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Diagnostic.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

enum class ChannelFamily : std::uint8_t { Fiber, Asio, InHouse };

/// One entry of the UnbufferedChannels option: a team's own channel type
/// and its sending and receiving member functions.
struct InHouseChannel {
  std::string Type;
  std::string Send;
  std::string Receive;
};

/// A channel type that was recognised.
struct ChannelKind {
  ChannelFamily Family = ChannelFamily::Fiber;
  /// The channel class (not the shared_ptr holding it).
  const CXXRecordDecl *Record = nullptr;
  /// The option entry, for in-house types.
  const InHouseChannel *InHouse = nullptr;
};

/// What one member call does to a channel.
enum class ChannelOp : std::uint8_t {
  Other,
  /// Blocks until a receiver takes the value.
  Send,
  /// Gives up by itself: a timed or try send.
  BoundedSend,
  /// Waits until a value arrives.
  Receive,
  /// Can return without a value: a timed, try or raced receive.
  BoundedReceive,
  /// Completes a blocked send: Fiber's close(), Asio's cancel() and reset().
  Release
};

/// Whether \p Loop, in \p Function, ends when a Boost.Fiber channel it
/// receives from is closed: it calls `value_pop` (or its timed forms),
/// which throws on a closed channel, inside a `try` of \p Function that
/// encloses the loop. That is how Boost.Fiber's own consumers stop.
bool endsWhenChannelCloses(const Stmt *Loop, const FunctionDecl *Function,
                           ASTContext &Context);

/// The qualified names of the unbuffered channel templates and of
/// \p InHouse's types, for a matcher.
std::vector<std::string> channelClassNames(ArrayRef<InHouseChannel> InHouse);

/// The kind of the channel that \p Type holds, directly or through a
/// std::shared_ptr; none when it is not a channel type named by
/// channelClassNames().
std::optional<ChannelKind> channelKind(QualType Type,
                                       ArrayRef<InHouseChannel> InHouse);

/// What \p Call, a member call on a channel of \p Kind, does.
ChannelOp channelOp(const CXXMemberCallExpr *Call, const ChannelKind &Kind,
                    ParentIndex &Parents, ASTContext &Context);

/// How a channel variable is built: the constructor call or the
/// std::make_shared call, and the arguments given to the channel.
struct ChannelConstruction {
  const Expr *Call = nullptr;
  llvm::SmallVector<const Expr *, 3> Args;
  /// The `)` or `}` that closes the arguments; invalid when there is none.
  SourceLocation Close;
  /// A std::make_shared<Channel>(...) call.
  const CallExpr *MakeShared = nullptr;
};

/// The construction in \p Var's initialiser, when it builds the channel
/// (for a shared_ptr, through std::make_shared or `new`).
std::optional<ChannelConstruction> channelConstruction(const VarDecl *Var);
/// The same for \p Init, the value a member is initialised with.
std::optional<ChannelConstruction> channelConstruction(const Expr *Init);

/// Whether \p Var, a channel of \p Kind built by \p Built, has no room for a
/// value: every Fiber unbuffered_channel and in-house type; an Asio channel
/// whose buffer size is left out or 0.
bool isUnbuffered(const ChannelKind &Kind, const ChannelConstruction &Built,
                  const ASTContext &Context);

/// Whether the channel type is written out in \p Param's declaration, which
/// a rewrite of the variable's type would then no longer match.
bool spellsChannelType(const ParmVarDecl *Param);

/// `unbuffered_channel<T> ch;` to `buffered_channel<T> ch{2};`, and the same
/// in `std::make_shared<...>()`: a capacity of 2 holds one value.
std::optional<llvm::SmallVector<FixItHint, 3>>
fiberFix(const VarDecl *Channel, const ChannelConstruction &Built,
         const ASTContext &Context);

/// An Asio channel gets a buffer size of 1.
std::optional<FixItHint> asioFix(const ChannelConstruction &Built);

/// Whether the namespace of \p Unbuffered declares buffered_channel, so
/// that the fix needs no new include.
bool declaresBufferedChannel(const CXXRecordDecl *Unbuffered,
                             ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif
