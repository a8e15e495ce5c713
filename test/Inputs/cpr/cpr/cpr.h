// Stand-in for <cpr/cpr.h>: declares the signatures of cpr 1.10 (libcpr/cpr) that tests use; nothing links.
#ifndef LEAK_TIDY_TEST_CPR_CPR_H
#define LEAK_TIDY_TEST_CPR_CPR_H

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace cpr {

namespace fs = std::filesystem;
using cpr_off_t = long long;

// cprtypes.h
template <class T>
class StringHolder {
  public:
    StringHolder() = default;
    explicit StringHolder(std::string str);
    explicit StringHolder(std::string_view str);
    explicit StringHolder(const char* str);
    StringHolder(const char* str, std::size_t len);
    StringHolder(const std::initializer_list<std::string> args);
    virtual ~StringHolder() = default;

    const std::string& str() const;
    const char* c_str() const;

  protected:
    std::string str_{};
};

class Url : public StringHolder<Url> {
  public:
    Url() = default;
    Url(std::string url);
    Url(std::string_view url);
    Url(const char* url);
    Url(const char* str, std::size_t len);
    Url(const std::initializer_list<std::string> args);
};

struct CaseInsensitiveCompare {
    bool operator()(const std::string& a, const std::string& b) const noexcept;
};

using Header = std::map<std::string, std::string, CaseInsensitiveCompare>;

// curl_container.h, parameters.h
struct Parameter {
    Parameter(std::string p_key, std::string p_value);
    std::string key;
    std::string value;
};

template <class T>
class CurlContainer {
  public:
    bool encode = true;
    CurlContainer() = default;
    CurlContainer(const std::initializer_list<T>&);
    void Add(const std::initializer_list<T>&);
    void Add(const T&);

  protected:
    std::vector<T> containerList_;
};

class Parameters : public CurlContainer<Parameter> {
  public:
    Parameters() = default;
    Parameters(const std::initializer_list<Parameter>& parameters);
};

// body.h
class Body : public StringHolder<Body> {
  public:
    Body() = default;
    Body(std::string body);
    Body(std::string_view body);
    Body(const char* body);
    Body(const char* str, std::size_t len);
    Body(const std::initializer_list<std::string> args);
};

// auth.h
enum class AuthMode { BASIC, DIGEST, NTLM };

class Authentication {
  public:
    Authentication(std::string username, std::string password, AuthMode auth_mode);
    ~Authentication() noexcept;
    const char* GetAuthString() const noexcept;
    AuthMode GetAuthMode() const noexcept;

  private:
    std::string auth_string_;
    AuthMode auth_mode_;
};

// timeout.h, connect_timeout.h (ConnectTimeout derives from Timeout, as in cpr)
class Timeout {
  public:
    Timeout(const std::chrono::milliseconds& duration);
    Timeout(const std::int32_t& milliseconds);
    Timeout(const std::chrono::seconds& duration);
    long Milliseconds() const;

    std::chrono::milliseconds ms;
};

class ConnectTimeout : public Timeout {
  public:
    ConnectTimeout(const std::chrono::milliseconds& duration);
    ConnectTimeout(const std::int32_t& milliseconds);
};

// low_speed.h
class LowSpeed {
  public:
    LowSpeed(const std::int32_t p_limit, const std::int32_t p_time);
    std::int32_t limit;
    std::int32_t time;
};

// callback.h
class WriteCallback {
  public:
    WriteCallback() = default;
    WriteCallback(std::function<bool(std::string data, std::intptr_t userdata)> p_callback, std::intptr_t p_userdata = 0);
    std::intptr_t userdata{};
    std::function<bool(std::string data, std::intptr_t userdata)> callback;
};

// response.h
class Response {
  public:
    long status_code{};
    std::string text{};
    Header header{};
    Url url{};
    double elapsed{};
    std::string raw_header{};
    std::string status_line{};
    std::string reason{};
    cpr_off_t uploaded_bytes{};
    cpr_off_t downloaded_bytes{};
    long redirect_count{};

    Response() = default;
};

// async_wrapper.h: a movable, non-copyable wrapper around std::future<T>
template <typename T, bool isCancellable = false>
class AsyncWrapper {
  public:
    explicit AsyncWrapper(std::future<T>&& f);
    AsyncWrapper(const AsyncWrapper&) = delete;
    AsyncWrapper& operator=(const AsyncWrapper&) = delete;
    AsyncWrapper(AsyncWrapper&&) noexcept = default;
    AsyncWrapper& operator=(AsyncWrapper&&) noexcept = default;
    ~AsyncWrapper();

    [[nodiscard]] T get();
    [[nodiscard]] bool valid() const noexcept;
    void wait() const;
    template <class Rep, class Period>
    std::future_status wait_for(const std::chrono::duration<Rep, Period>& timeout_duration) const;

  private:
    std::future<T> future;
    std::shared_ptr<std::atomic_bool> is_cancelled;
};

using AsyncResponse = AsyncWrapper<Response>;

// Not cpr: the Callback forms below need bodies (a lambda's type has no linkage), and
// these bodies make no request.
namespace standin {
template <typename R>
AsyncWrapper<R> Pending();
} // namespace standin

// session.h
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session();
    Session(const Session& other) = delete;
    Session(Session&& old) = default;
    ~Session() = default;
    Session& operator=(Session&& old) noexcept = default;
    Session& operator=(const Session& other) = delete;

    void SetUrl(const Url& url);
    void SetParameters(const Parameters& parameters);
    void SetParameters(Parameters&& parameters);
    void SetHeader(const Header& header);
    void UpdateHeader(const Header& header);
    void SetTimeout(const Timeout& timeout);
    void SetConnectTimeout(const ConnectTimeout& timeout);
    void SetAuth(const Authentication& auth);
    void SetBody(Body&& body);
    void SetBody(const Body& body);
    void SetLowSpeed(const LowSpeed& low_speed);
    void SetWriteCallback(const WriteCallback& write);

    void SetOption(const Url& url);
    void SetOption(const Parameters& parameters);
    void SetOption(Parameters&& parameters);
    void SetOption(const Header& header);
    void SetOption(const Timeout& timeout);
    void SetOption(const ConnectTimeout& timeout);
    void SetOption(const Authentication& auth);
    void SetOption(Body&& body);
    void SetOption(const Body& body);
    void SetOption(const WriteCallback& write);
    void SetOption(const LowSpeed& low_speed);

    Response Delete();
    Response Download(const WriteCallback& write);
    Response Download(std::ofstream& file);
    Response Get();
    Response Head();
    Response Options();
    Response Patch();
    Response Post();
    Response Put();

    AsyncResponse GetAsync();
    AsyncResponse DeleteAsync();
    AsyncResponse DownloadAsync(const WriteCallback& write);
    AsyncResponse DownloadAsync(std::ofstream& file);
    AsyncResponse HeadAsync();
    AsyncResponse OptionsAsync();
    AsyncResponse PatchAsync();
    AsyncResponse PostAsync();
    AsyncResponse PutAsync();

    template <typename Then>
    auto GetCallback(Then then) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
        return standin::Pending<std::invoke_result_t<Then, Response>>();
    }
    template <typename Then>
    auto PostCallback(Then then) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
        return standin::Pending<std::invoke_result_t<Then, Response>>();
    }
    template <typename Then>
    auto PutCallback(Then then) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
        return standin::Pending<std::invoke_result_t<Then, Response>>();
    }
    template <typename Then>
    auto HeadCallback(Then then) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
        return standin::Pending<std::invoke_result_t<Then, Response>>();
    }
    template <typename Then>
    auto DeleteCallback(Then then) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
        return standin::Pending<std::invoke_result_t<Then, Response>>();
    }
    template <typename Then>
    auto OptionsCallback(Then then) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
        return standin::Pending<std::invoke_result_t<Then, Response>>();
    }
    template <typename Then>
    auto PatchCallback(Then then) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
        return standin::Pending<std::invoke_result_t<Then, Response>>();
    }

    std::string GetFullRequestUrl();
};

// api.h: each option argument is applied to a fresh Session in order.
template <typename... Ts>
Response Get(Ts&&... ts);
template <typename... Ts>
AsyncResponse GetAsync(Ts... ts);
template <typename Then, typename... Ts>
auto GetCallback(Then then, Ts... ts) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
    return standin::Pending<std::invoke_result_t<Then, Response>>();
}

template <typename... Ts>
Response Post(Ts&&... ts);
template <typename... Ts>
AsyncResponse PostAsync(Ts... ts);
template <typename Then, typename... Ts>
auto PostCallback(Then then, Ts... ts) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
    return standin::Pending<std::invoke_result_t<Then, Response>>();
}

template <typename... Ts>
Response Put(Ts&&... ts);
template <typename... Ts>
AsyncResponse PutAsync(Ts... ts);
template <typename Then, typename... Ts>
auto PutCallback(Then then, Ts... ts) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
    return standin::Pending<std::invoke_result_t<Then, Response>>();
}

template <typename... Ts>
Response Head(Ts&&... ts);
template <typename... Ts>
AsyncResponse HeadAsync(Ts... ts);
template <typename Then, typename... Ts>
auto HeadCallback(Then then, Ts... ts) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
    return standin::Pending<std::invoke_result_t<Then, Response>>();
}

template <typename... Ts>
Response Delete(Ts&&... ts);
template <typename... Ts>
AsyncResponse DeleteAsync(Ts... ts);
template <typename Then, typename... Ts>
auto DeleteCallback(Then then, Ts... ts) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
    return standin::Pending<std::invoke_result_t<Then, Response>>();
}

template <typename... Ts>
Response Options(Ts&&... ts);
template <typename... Ts>
AsyncResponse OptionsAsync(Ts... ts);
template <typename Then, typename... Ts>
auto OptionsCallback(Then then, Ts... ts) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
    return standin::Pending<std::invoke_result_t<Then, Response>>();
}

template <typename... Ts>
Response Patch(Ts&&... ts);
template <typename... Ts>
AsyncResponse PatchAsync(Ts... ts);
template <typename Then, typename... Ts>
auto PatchCallback(Then then, Ts... ts) -> AsyncWrapper<std::invoke_result_t<Then, Response>> {
    return standin::Pending<std::invoke_result_t<Then, Response>>();
}

template <typename... Ts>
Response Download(std::ofstream& file, Ts&&... ts);
template <typename... Ts>
AsyncResponse DownloadAsync(fs::path local_path, Ts... ts);
template <typename... Ts>
Response Download(const WriteCallback& write, Ts&&... ts);

} // namespace cpr

#endif // LEAK_TIDY_TEST_CPR_CPR_H
