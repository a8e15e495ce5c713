// A pricing endpoint asks a slow backend for a quote and answers within
// 200 ms, with or without it. When the deadline wins the race, nobody ever
// receives the quote: the lookup coroutine waits forever in async_send,
// holding its frame, its socket and a slot in the executor, once per timed-out
// request. Run leak-tidy on it to see leak-unread-channel-send.
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/experimental/channel.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <variant>

using namespace asio::experimental::awaitable_operators;
using QuoteChannel = void(std::error_code, double);

asio::awaitable<double> fetchQuote(std::string Symbol);

asio::awaitable<std::optional<double>> quoteWithin200ms(std::string Symbol) {
  auto Executor = co_await asio::this_coro::executor;
  auto Quotes =
      std::make_shared<asio::experimental::channel<QuoteChannel>>(Executor);
  asio::co_spawn(
      Executor,
      [Quotes, Symbol]() -> asio::awaitable<void> {
        const double Price = co_await fetchQuote(Symbol);
        co_await Quotes->async_send(std::error_code{}, Price,
                                    asio::use_awaitable);
      },
      asio::detached);
  asio::steady_timer Deadline(Executor, std::chrono::milliseconds(200));
  auto Winner = co_await (Quotes->async_receive(asio::use_awaitable) ||
                          Deadline.async_wait(asio::use_awaitable));
  if (Winner.index() == 1)
    co_return std::nullopt;
  co_return std::get<0>(Winner);
}
