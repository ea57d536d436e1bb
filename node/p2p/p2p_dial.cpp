// P2p::Impl's outbound side: dial targets (persistent peers, seeds, add_peer), name lookup,
// connection limits, bans and re-dialing with backoff.
#include "node/p2p/p2p_impl.hpp"  // first: it includes <utility> before asio
// (more asio)
#include <boost/asio/ip/address.hpp>

#include "core/bytes.hpp"

namespace grid::node::p2p {

namespace asio = boost::asio;

core::Status P2p::Impl::add_target(const std::string& text, bool persistent) {
  GRID_ASSIGN(PeerAddress address, parse_peer_address(text));
  for (const auto& target : targets_)
    if (target->address.host_port() == address.host_port()) {
      target->persistent = target->persistent || persistent;
      return core::Status::ok();
    }
  targets_.push_back(std::make_unique<DialTarget>(
      DialTarget{std::move(address), persistent, std::nullopt,
                 Backoff(config_.redial_backoff_min, config_.redial_backoff_max),
                 std::make_unique<asio::steady_timer>(io_)}));
  return core::Status::ok();
}

core::Status P2p::Impl::add_peer(const std::string& address) {
  const std::size_t before = targets_.size();
  GRID_TRY(parse_peer_address(address).status());
  config_.persistent_peers.push_back(address);  // kept across stop() and start()
  if (!running_) return core::Status::ok();
  GRID_TRY(add_target(address, true));
  if (targets_.size() > before) schedule_dial(targets_.size() - 1, std::chrono::milliseconds(0));
  return core::Status::ok();
}

bool P2p::Impl::wants_dial(const DialTarget& target) const {
  return !target.gave_up && (target.persistent || connected_.empty());
}

P2p::Impl::DialTarget* P2p::Impl::target_of(PeerId id) {
  auto it = dialed_by_.find(id);
  return it == dialed_by_.end() ? nullptr : targets_[it->second].get();
}

void P2p::Impl::schedule_dial(std::size_t index, std::chrono::milliseconds delay) {
  DialTarget& target = *targets_[index];
  if (target.scheduled) return;
  target.scheduled = true;
  target.timer->expires_after(delay);
  target.timer->async_wait(
      [weak = weak_from_this(), epoch = epoch_, index](const boost::system::error_code& ec) {
        auto self = weak.lock();
        if (!self || ec || self->epoch_ != epoch) return;
        self->dial(index);
      });
}

void P2p::Impl::retry_later(std::size_t index, const std::string& why) {
  DialTarget& target = *targets_[index];
  const auto delay = target.backoff.next();
  log(kLogDebug, "will dial " + target.address.to_string() + " again in " +
                     std::to_string(delay.count()) + " ms: " + why);
  schedule_dial(index, delay);
}

void P2p::Impl::dial(std::size_t index) {
  DialTarget& target = *targets_[index];
  target.scheduled = false;
  if (!running_ || target.connection || target.resolving || !wants_dial(target)) return;
  const auto key = target.key();
  // Connected to that node some other way (it dialed us): re-armed when that connection ends.
  if (key && by_key_.count(*key)) return;
  if (key && book_.is_banned(*key, Clock::now())) return retry_later(index, "node key banned");
  if (count(false) >= config_.max_outbound)
    return retry_later(index, std::to_string(config_.max_outbound) + " outbound connections");
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(target.address.host, ec);
  if (!ec) return connect(index, tcp::endpoint(address, target.address.port));
  target.resolving = true;
  ++resolving_;
  resolver_.async_resolve(
      target.address.host, std::to_string(target.address.port),
      [weak = weak_from_this(), epoch = epoch_, index](const boost::system::error_code& rec,
                                                       tcp::resolver::results_type results) {
        auto self = weak.lock();
        if (!self || self->epoch_ != epoch) return;
        self->targets_[index]->resolving = false;
        --self->resolving_;
        if (rec || results.empty())
          return self->retry_later(index, "cannot resolve the host: " + rec.message());
        self->connect(index, *results.begin());
      });
}

void P2p::Impl::connect(std::size_t index, const tcp::endpoint& remote) {
  DialTarget& target = *targets_[index];
  if (book_.is_banned_ip(remote.address().to_string(), Clock::now()))
    return retry_later(index, "IP banned");
  auto connection = make_connection(core::SessionRole::client);
  target.connection = connection->id();
  dialed_by_[connection->id()] = index;
  log(kLogDebug,
      "dialing " + target.address.to_string() + " as #" + std::to_string(connection->id()));
  connection->start_dial(remote);
}

void P2p::Impl::on_target_closed(PeerId id) {
  auto it = dialed_by_.find(id);
  if (it == dialed_by_.end()) return;
  const std::size_t index = it->second;
  dialed_by_.erase(it);
  DialTarget& target = *targets_[index];
  target.connection.reset();
  if (running_ && wants_dial(target)) retry_later(index, "the connection ended");
}

// After a connection ended: targets that stood back (their node was connected some other way,
// or seeds while we had peers) may dial again.
void P2p::Impl::rearm_idle_targets() {
  if (!running_) return;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    const DialTarget& target = *targets_[i];
    if (target.connection || target.scheduled || target.resolving || !wants_dial(target)) continue;
    if (auto key = target.key(); key && by_key_.count(*key)) continue;
    retry_later(i, "a connection ended");
  }
}

}  // namespace grid::node::p2p
