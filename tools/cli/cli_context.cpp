#include "tools/cli/cli_context.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "core/dev_accounts.hpp"
#include "core/keystore.hpp"
#include "tools/cli/cli_output.hpp"
#include "tools/cli/cli_values.hpp"
#include "tools/client/endpoint.hpp"

namespace grid::tools {
namespace {

constexpr std::chrono::milliseconds kWait{15'000};
constexpr std::chrono::milliseconds kHttpTimeout{30'000};
constexpr std::string_view kUnreachable = "cannot reach the node at ";
constexpr int kNonceAttempts = 5;
constexpr std::chrono::milliseconds kNonceRetryPause{1'000};

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::optional<std::string>(v) : std::nullopt;
}

core::Status unreachable(const core::Status& st) {
  return st.code() == core::Code::io ? core::Status::io(std::string(kUnreachable) + st.message())
                                     : st;
}

// One line from the terminal with echo off.
core::Result<std::string> ask_terminal(const char* prompt) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return core::Status::invalid(
        "no passphrase: give --passphrase-file FILE or set GRIDCLI_PASSPHRASE (there is no "
        "terminal to ask on)");
  (void)!::write(fd, prompt, std::string_view(prompt).size());
  termios old{};
  bool restore = ::tcgetattr(fd, &old) == 0;
  if (restore) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  std::string line;
  char c = 0;
  while (::read(fd, &c, 1) == 1 && c != '\n') line += c;
  if (restore) ::tcsetattr(fd, TCSAFLUSH, &old);
  (void)!::write(fd, "\n", 1);
  ::close(fd);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

Environment Environment::from_process() {
  return Environment{env("GRIDCLI_NODE"), env("GRIDCLI_KEYS"), env("GRIDCLI_PASSPHRASE"),
                     env("HOME")};
}

bool valid_key_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
      return false;
  return true;
}

Context::Context(GlobalOptions global, Environment env, std::ostream& out, std::ostream& err)
    : global_(std::move(global)), env_(std::move(env)), out_(out), err_(err) {}

Context::~Context() = default;

int Context::usage(const Invocation& inv, std::string_view message) {
  std::string path = inv.command ? inv.command->path() : std::string("help");
  err_ << "gridcli: " << path << ": " << message << " (see gridcli " << path << " --help)\n";
  return kExitUsage;
}

int Context::fail(std::string_view what, const core::Status& status) {
  const std::string& m = status.message();
  if (m.starts_with(kUnreachable) || what.empty())
    err_ << "gridcli: " << m << "\n";
  else
    err_ << "gridcli: " << what << ": " << m << "\n";
  return kExitFailure;
}

std::string Context::node_url() const {
  if (global_.node) return *global_.node;
  if (env_.node && !env_.node->empty()) return *env_.node;
  return std::string(kDefaultNode);
}

core::Result<RpcClient*> Context::rpc() {
  if (!rpc_) {
    GRID_ASSIGN(RpcEndpoint endpoint, parse_rpc_url(node_url()));
    rpc_ = std::make_unique<RpcClient>(std::vector<RpcEndpoint>{endpoint}, 0, kHttpTimeout);
  }
  return rpc_.get();
}

core::Result<RpcReply> Context::call(std::string method, std::string params_json) {
  GRID_ASSIGN(RpcClient * client, rpc());
  RpcCall one{std::move(method), std::move(params_json)};
  auto reply = client->send(std::span<const RpcCall>(&one, 1));
  if (!reply) return unreachable(reply.error());
  if (!reply->ok(0)) {
    const RpcError& e = reply->error(0);
    bool has_reason = !e.reason.empty() && !e.message.starts_with(e.reason);
    return core::Status::invalid(has_reason ? e.reason + ": " + e.message : e.message);
  }
  return std::move(*reply);
}

std::filesystem::path Context::keys_dir() const {
  if (global_.keys) return *global_.keys;
  if (env_.keys && !env_.keys->empty()) return *env_.keys;
  std::filesystem::path home = env_.home && !env_.home->empty() ? *env_.home : ".";
  return home / ".gridchain" / "keys";
}

std::filesystem::path Context::key_path(std::string_view name) const {
  return keys_dir() / (std::string(name) + ".key");
}

core::Result<std::string> Context::passphrase(bool confirm) {
  if (global_.passphrase_file) {
    std::ifstream in(*global_.passphrase_file, std::ios::binary);
    if (!in)
      return core::Status::invalid("cannot read --passphrase-file " + *global_.passphrase_file);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) return core::Status::invalid("--passphrase-file: the first line is empty");
    return line;
  }
  if (env_.passphrase) {
    if (env_.passphrase->empty()) return core::Status::invalid("GRIDCLI_PASSPHRASE is empty");
    return *env_.passphrase;
  }
  GRID_ASSIGN(std::string first, ask_terminal("Passphrase: "));
  if (first.empty()) return core::Status::invalid("the passphrase may not be empty");
  if (confirm) {
    GRID_ASSIGN(std::string again, ask_terminal("Repeat the passphrase: "));
    if (again != first) return core::Status::invalid("the passphrases differ");
  }
  return first;
}

core::Result<core::AccountId> Context::resolve_account(std::string_view text) const {
  auto address = core::AccountId::from_address(text);
  if (address) return *address;
  if (valid_key_name(text) && std::filesystem::exists(key_path(text)))
    return core::read_key_file_account(key_path(text));
  if (core::is_dev_account_name(text)) return core::dev_account(text);
  if (text.starts_with("tf1") || text.starts_with("TF1"))
    return core::Status::invalid("'" + std::string(text) +
                                 "' is not a valid address: " + address.error().message());
  return core::Status::invalid("'" + std::string(text) + "' is not an address, a key in " +
                               keys_dir().string() + " or a dev account (alice..ferdie)");
}

core::Result<core::AccountId> Context::from_account() const {
  if (!global_.from)
    return core::Status::invalid("this command needs --from NAME (a key in " + keys_dir().string() +
                                 " or a dev account)");
  if (core::AccountId::from_address(*global_.from))
    return core::Status::invalid("--from takes a key name, not an address");
  return resolve_account(*global_.from);
}

core::Result<core::AccountKey> Context::signer_key() {
  GRID_TRY(from_account().status());
  const std::string& name = *global_.from;
  if (valid_key_name(name) && std::filesystem::exists(key_path(name))) {
    GRID_ASSIGN(std::string pass, passphrase(false));
    return core::read_key_file(key_path(name), pass);
  }
  return core::dev_account_key(name);
}

core::Result<TxSender*> Context::sender() {
  if (!sender_) {
    GRID_ASSIGN(core::AccountKey key, signer_key());
    GRID_ASSIGN(RpcClient * client, rpc());
    sender_ = std::make_unique<TxSender>(*client, std::move(key));
  }
  return sender_.get();
}

core::Result<SendResult> Context::send(const ledger::Call& call, std::optional<bool> wait) {
  GRID_ASSIGN(TxSender * s, sender());
  SendOptions options;
  options.fee = global_.fee;
  options.wait = wait.value_or(waits()) ? kWait : std::chrono::milliseconds(0);
  // bad_nonce: an earlier transaction of this account (another gridcli run with --no-wait) is
  // still pending, and account_get counts only committed ones: read the nonce again after the
  // next block, a few times.
  for (int attempt = 1;; ++attempt) {
    auto result = s->send(call, options);
    if (result) return result;
    if (attempt >= kNonceAttempts || !result.error().message().starts_with("bad_nonce"))
      return unreachable(result.error());
    std::this_thread::sleep_for(kNonceRetryPause);
  }
}

int Context::report_send(std::string_view what, const core::Result<SendResult>& result,
                         const std::function<void(const SendResult&)>& on_ok) {
  if (!result) {
    const core::Status& st = result.error();
    if (st.code() == core::Code::invalid && sender_)
      return fail(std::string(what) + " refused", st);
    return fail(what, st);
  }
  const SendResult& r = *result;
  if (json()) out_ << send_result_json(r, waits()) << "\n";
  if (!r.committed) {
    if (!waits()) {
      if (!json())
        out_ << what << ": submitted, not waiting for the commit\n"
             << render_fields({{"tx", r.id}});
      return kExitOk;
    }
    err_ << "gridcli: " << what << ": transaction " << r.id
         << " was submitted but not committed within " << kWait.count() / 1000
         << " s; see gridcli tx show " << r.id << "\n";
    return kExitFailure;
  }
  if (!r.ok) {
    err_ << "gridcli: " << what << " failed: " << r.reason << (r.detail.empty() ? "" : ": ")
         << r.detail << " (transaction " << r.id << " committed at height " << *r.height
         << "; fee paid " << format_tft(r.fee) << ")\n";
    return kExitFailure;
  }
  if (!json()) {
    Fields fields = {
        {"tx", r.id}, {"height", std::to_string(*r.height)}, {"fee", format_tft(r.fee)}};
    for (const EventView& e : r.events) fields.emplace_back("event", event_line(e));
    out_ << what << ": ok\n" << render_fields(fields);
    if (on_ok) on_ok(r);
  }
  return kExitOk;
}

}  // namespace grid::tools
