#include "tests/sim/simulation.hpp"

#include <map>
#include <memory>
#include <queue>
#include <set>
#include <tuple>
#include <variant>

#include "consensus/engine.hpp"
#include "tests/sim/block_time_check.hpp"
#include "tests/sim/kv_app.hpp"
#include "tests/sim/memory_wal_file.hpp"
#include "tests/sim/sim_clock.hpp"

namespace grid::sim {

using namespace grid::consensus;
using core::Status;

const char* scenario_name(Scenario s) {
  switch (s) {
    case Scenario::basic:
      return "basic";
    case Scenario::lossy:
      return "lossy";
    case Scenario::partition:
      return "partition";
    case Scenario::crash:
      return "crash";
    case Scenario::twins:
      return "twins";
    case Scenario::valchange:
      return "valchange";
    case Scenario::mixed:
      return "mixed";
    case Scenario::clocks:
      return "clocks";
  }
  return "?";
}

bool parse_scenario(const std::string& name, Scenario& out) {
  for (auto s : kAllScenarios)
    if (name == scenario_name(s)) return out = s, true;
  return false;
}

std::string replay_command(const SimOptions& o) {
  std::string cmd = "consensus_sim --scenario " + std::string(scenario_name(o.scenario)) +
                    " --from " + std::to_string(o.seed) + " --to " + std::to_string(o.seed + 1);
  if (o.validators) cmd += " --validators " + std::to_string(o.validators);
  if (o.unequal_power >= 0) cmd += " --unequal " + std::to_string(o.unequal_power);
  return cmd + " --verbose";
}

namespace {

struct Deliver {
  std::size_t to;
  core::Bytes bytes;
};
struct Fire {
  std::size_t node;
  std::uint64_t generation;
  TimeoutEvent event;
};
struct Crash {
  std::size_t node;
};
struct Restart {
  std::size_t node;
};
struct Heal {};
using Payload = std::variant<Deliver, Fire, Crash, Restart, Heal>;

struct Event {
  std::uint64_t time;
  std::uint64_t seq;
  Payload payload;
};
struct Later {
  bool operator()(const Event& a, const Event& b) const {
    return std::tie(a.time, a.seq) > std::tie(b.time, b.seq);
  }
};

class World;

constexpr std::uint64_t kEpochMs = kSimGenesisTimeS * 1000;  // virtual time 0 on the wall clock
constexpr std::uint64_t kClockStream = 0xc10c'5eed'0f'5eed'01ULL;  // xor-ed into the seed

struct SimNetwork final : Network {
  World* world = nullptr;
  std::size_t node = 0;
  void send(const ValidatorKey& to, const Message& m) override;
  void broadcast(const Message& m) override;
};

struct SimTimer final : Timer {
  World* world = nullptr;
  std::size_t node = 0;
  void schedule(const TimeoutEvent& event, std::uint64_t delay_ms) override;
  std::uint64_t now_ms() override;
};

using SlotKey = std::tuple<Height, Round, VoteType>;

struct Node {
  std::size_t key_index = 0;
  bool twin = false;
  int group = 0;
  bool up = false;
  SimClock clock;  // kept across crashes
  std::uint64_t generation = 0;
  std::size_t applied_checked = 0;
  MemoryWalFile file;
  std::unique_ptr<KvApp> app;
  std::unique_ptr<Ed25519Signer> signer;
  std::unique_ptr<Wal> wal;
  std::unique_ptr<Engine> engine;
  SimNetwork net;
  SimTimer timer;
  std::map<SlotKey, VoteValue> twin_votes;  // first twin vote per slot that could be checked
  std::set<SlotKey> owed_evidence;
};

class World {
 public:
  explicit World(const SimOptions& options) : opt_(options), prng_(options.seed) {}
  RunReport run();
  void route(std::size_t from, const ValidatorKey* to, const Message& m);
  void schedule_timer(std::size_t node, const TimeoutEvent& e, std::uint64_t delay) {
    push(delay, Fire{node, nodes_[node]->generation, e});
  }
  std::uint64_t clock_ms(std::size_t node) const {
    return nodes_[node]->clock.read(kEpochMs, now_);
  }

 private:
  void configure();
  void configure_clocks();
  std::set<ValidatorKey> pick_skewed(Prng& prng) const;
  std::uint64_t clock_error() const;
  void add_node(std::size_t key_index, bool twin, bool change_powers);
  void start_node(std::size_t i);
  void crash_node(std::size_t i);
  void handle(Event& e);
  void deliver(Deliver& d);
  void after_input(std::size_t i, const Status& st);
  void check_signed(std::size_t from, const Message& m);
  void note_twin_vote(Node& n, const Message& m);
  void fail(const std::string& why);
  void log(const std::string& line);
  bool linked(std::size_t from, std::size_t to) const;
  std::uint64_t honest_height(bool min) const;
  void push(std::uint64_t delay, Payload p) { queue_.push({now_ + delay, seq_++, std::move(p)}); }
  void fold(std::uint64_t v) { report_.trace = (report_.trace ^ v) * 0x100000001b3ULL; }

  SimOptions opt_;
  Prng prng_;
  RunReport report_;
  std::priority_queue<Event, std::vector<Event>, Later> queue_;
  std::uint64_t now_ = 0, seq_ = 0;
  EngineConfig config_;
  std::vector<core::Ed25519SecretKey> keys_;
  ValidatorSet genesis_;
  std::vector<std::unique_ptr<Node>> nodes_;

  bool healed_ = false;
  std::uint64_t heal_ms_ = 0, heal_height_ = 0;
  std::uint64_t drop_pm_ = 0, dup_pm_ = 0, max_delay_ = 40;
  bool partition_ = false, twin_leak_ = false;
  std::uint64_t partition_from_ = 0;
  std::optional<std::size_t> twin_key_;
  std::set<ValidatorKey> faulty_keys_;  // skewed clocks and the twin key
  std::optional<BlockTimeCheck> time_check_;
  std::map<Height, BlockHash> decided_;
  std::map<std::tuple<ValidatorKey, Height, Round, Step>, VoteValue> signed_;
};

void SimNetwork::send(const ValidatorKey& to, const Message& m) {
  world->route(node, &to, m);
}
void SimNetwork::broadcast(const Message& m) {
  world->route(node, nullptr, m);
}
void SimTimer::schedule(const TimeoutEvent& e, std::uint64_t delay) {
  world->schedule_timer(node, e, delay);
}
std::uint64_t SimTimer::now_ms() {
  return world->clock_ms(node);
}

void World::log(const std::string& line) {
  if (opt_.record_log) report_.log.push_back("t=" + std::to_string(now_) + " " + line);
}

void World::fail(const std::string& why) {
  if (!report_.ok) return;
  report_.ok = false;
  report_.failure = "t=" + std::to_string(now_) + "ms: " + why;
}

void World::configure() {
  Scenario s = opt_.scenario;
  std::size_t n = opt_.validators ? opt_.validators : (prng_.chance(500) ? 4 : 7);
  bool unequal = opt_.unequal_power >= 0 ? opt_.unequal_power != 0 : prng_.chance(500);
  std::vector<Validator> members;
  for (std::size_t i = 0; i < n; ++i) {
    std::array<std::uint8_t, 32> seed{};
    seed[0] = static_cast<std::uint8_t>(i + 1);
    seed[1] = 0x5a;
    keys_.push_back(core::Ed25519SecretKey::from_seed(seed).value());
    members.push_back({keys_.back().public_key(), unequal ? prng_.between(1, 10) : 10});
  }
  if (s == Scenario::twins) {
    std::size_t t = 0;
    for (std::size_t i = 1; i < n; ++i)
      if (members[i].power < members[t].power) t = i;
    std::uint64_t total = 0;
    for (auto& m : members) total += m.power;
    if (members[t].power * 3 >= total) members[t].power = 1;
    twin_key_ = t;
  }
  genesis_ = ValidatorSet::create(members).value();

  config_.chain_id = kSimChainId;
  config_.timeouts = TimeoutConfig{400, 100, 200, 100, 200, 100, 50, 600};
  config_.max_block_bytes = 64 * 1024;

  bool faults = s != Scenario::basic;
  heal_ms_ = faults ? prng_.between(1500, 6000) : 0;
  healed_ = !faults;
  max_delay_ = faults ? prng_.between(20, 400) : 40;
  if (s == Scenario::lossy || s == Scenario::mixed || s == Scenario::valchange) {
    drop_pm_ = prng_.between(20, 250);
    dup_pm_ = prng_.between(0, 100);
  } else if (faults) {
    drop_pm_ = prng_.between(0, 60);
    dup_pm_ = prng_.between(0, 30);
  }
  partition_ = s == Scenario::partition || s == Scenario::twins ||
               (s == Scenario::mixed && prng_.chance(500));
  partition_from_ = partition_ ? prng_.below(heal_ms_ / 2 + 1) : 0;
  twin_leak_ = s == Scenario::twins && prng_.chance(500);

  for (std::size_t i = 0; i < n; ++i) add_node(i, false, s == Scenario::valchange);
  if (twin_key_) {
    for (auto& node : nodes_)
      if (node->key_index == *twin_key_) node->twin = true;
    add_node(*twin_key_, true, false);
  }
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    Node& node = *nodes_[i];
    node.group = static_cast<int>(prng_.below(2));
    if (node.twin) node.group = i + 1 == nodes_.size() ? 1 : 0;
  }
  if (s == Scenario::crash || s == Scenario::mixed) {
    std::uint64_t crashes = prng_.between(1, 4);
    for (std::uint64_t c = 0; c < crashes; ++c) {
      std::size_t victim = prng_.below(n);
      if (prng_.chance(500)) {  // at a WAL write point: torn record or crash before the send
        nodes_[victim]->file.fail_at(prng_.between(1, 40));
      } else {
        std::uint64_t at = prng_.below(heal_ms_);
        queue_.push({at, seq_++, Crash{victim}});
      }
    }
  }
  if (opt_.wal_fail_at) nodes_[0]->file.fail_at(opt_.wal_fail_at);
  report_.describe = std::string(scenario_name(s)) + " validators=" + std::to_string(n) +
                     (unequal ? " unequal" : " equal") + " heal=" + std::to_string(heal_ms_) +
                     " drop=" + std::to_string(drop_pm_) + "pm dup=" + std::to_string(dup_pm_) +
                     "pm delay<=" + std::to_string(max_delay_) +
                     (partition_ ? " partition@" + std::to_string(partition_from_) : "") +
                     (twin_leak_ ? " twin-leak" : "");
}

// A random minority of keys whose power, with the twin key's, stays below 1/3 of the total; at
// least one key when the twin leaves room.
std::set<ValidatorKey> World::pick_skewed(Prng& prng) const {
  std::vector<Validator> members = genesis_.validators();
  for (std::size_t i = members.size(); i > 1; --i)
    std::swap(members[i - 1], members[prng.below(i)]);
  unsigned __int128 faulty = twin_key_ ? genesis_.power_of(keys_[*twin_key_].public_key()) : 0;
  std::uint64_t wanted = prng.between(1, members.size());
  std::set<ValidatorKey> out;
  for (const Validator& m : members) {
    if (out.size() == wanted) break;
    if (3 * (faulty + m.power) >= genesis_.total_power() || faulty_keys_.count(m.key)) continue;
    faulty += m.power;
    out.insert(m.key);
  }
  return out;
}

void World::configure_clocks() {
  Prng prng(opt_.seed ^ kClockStream);
  Scenario s = opt_.scenario;
  if (twin_key_) faulty_keys_.insert(keys_[*twin_key_].public_key());
  for (auto& node : nodes_)
    if (s != Scenario::clocks) node->clock = small_clock(prng);
  std::set<ValidatorKey> skewed;
  if (s == Scenario::clocks || s == Scenario::mixed) skewed = pick_skewed(prng);
  std::string names;
  for (auto& node : nodes_) {
    if (!skewed.count(keys_[node->key_index].public_key())) continue;
    node->clock = skewed_clock(prng, heal_ms_ + 1000);
    names += (names.empty() ? "" : ",") + node->app->name();
  }
  faulty_keys_.insert(skewed.begin(), skewed.end());
  time_check_.emplace(kEpochMs, faulty_keys_);
  if (!names.empty()) report_.describe += " skewed=" + names;
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    log("clock of node " + std::to_string(i) + ": " + nodes_[i]->clock.describe());
}

// E of BlockTimeCheck: the largest clock error, up to now, of an honest node with a good clock.
std::uint64_t World::clock_error() const {
  std::uint64_t out = 0;
  for (const auto& n : nodes_)
    if (!faulty_keys_.count(keys_[n->key_index].public_key()))
      out = std::max(out, n->clock.max_error_ms(now_));
  return out;
}

void World::add_node(std::size_t key_index, bool twin, bool change_powers) {
  auto node = std::make_unique<Node>();
  node->key_index = key_index;
  node->twin = twin;
  std::string name = "v" + std::to_string(key_index) + (twin ? "'" : "");
  node->app = std::make_unique<KvApp>(name, ChainState::genesis(genesis_), change_powers);
  if (opt_.break_time_rule) node->app->set_time_bias_for_test(1);
  node->signer = std::make_unique<Ed25519Signer>(keys_[key_index]);
  node->net.world = this;
  node->net.node = nodes_.size();
  node->timer.world = this;
  node->timer.node = nodes_.size();
  nodes_.push_back(std::move(node));
}

void World::start_node(std::size_t i) {
  Node& n = *nodes_[i];
  n.generation++;
  n.up = true;
  auto wal = Wal::open(n.file);
  if (!wal)
    return fail("WAL of node " + std::to_string(i) + " does not open: " + wal.error().to_string());
  n.wal = std::move(wal).value();
  n.engine = std::make_unique<Engine>(config_, n.app->chain_state(), *n.app, n.net, n.timer,
                                      *n.signer, *n.wal);
  log("start node " + std::to_string(i) + " at height " + std::to_string(n.engine->height()) +
      " (WAL " + std::to_string(n.wal->recovered().size()) + " records, " +
      std::to_string(n.wal->truncated_bytes()) + " torn bytes)");
  after_input(i, n.engine->start());
}

void World::crash_node(std::size_t i) {
  Node& n = *nodes_[i];
  if (!n.up) return;
  n.up = false;
  n.generation++;
  n.engine.reset();
  n.wal.reset();
  n.file.crash(prng_);
  report_.crashes++;
  log("crash node " + std::to_string(i));
}

void World::after_input(std::size_t i, const Status& st) {
  Node& n = *nodes_[i];
  (void)st;
  const auto& applied = n.app->applied();
  for (; n.applied_checked < applied.size(); ++n.applied_checked) {
    const AppliedBlock& b = applied[n.applied_checked];
    report_.max_height = std::max(report_.max_height, b.height);
    report_.commit_log.push_back(std::to_string(i) + " " + std::to_string(b.height) + " " +
                                 b.hash.hex().substr(0, 16));
    if (n.twin) continue;
    auto [it, fresh] = decided_.emplace(b.height, b.hash);
    if (!fresh && it->second != b.hash)
      return fail("SAFETY: node " + std::to_string(i) + " committed " + b.hash.hex() +
                  " at height " + std::to_string(b.height) + " but another honest node " +
                  it->second.hex());
    if (auto why = time_check_->on_applied(*n.app, n.applied_checked, now_, clock_error());
        !why.empty())
      return fail("BLOCK TIME (seed " + std::to_string(opt_.seed) + ") at node " +
                  std::to_string(i) + ", " + why);
  }
  if (!n.app->errors().empty()) return fail("application: " + n.app->errors().front());
  if (n.engine && n.engine->halted()) {
    log("node " + std::to_string(i) + " halted: " + n.engine->halt_status().to_string());
    crash_node(i);
    push(prng_.between(50, 500), Restart{i});
  }
}

bool World::linked(std::size_t from, std::size_t to) const {
  if (healed_ || !partition_ || now_ < partition_from_) return true;
  if (twin_leak_ && nodes_[from]->twin) return true;
  return nodes_[from]->group == nodes_[to]->group;
}

void World::check_signed(std::size_t from, const Message& m) {
  const Node& n = *nodes_[from];
  if (n.twin) return;
  std::optional<std::tuple<ValidatorKey, Height, Round, Step>> slot;
  VoteValue value;
  if (const auto* p = std::get_if<Proposal>(&m.value)) {
    slot = {p->proposer, p->height, p->round, Step::propose};
    value = p->block_hash;
  } else if (const auto* v = std::get_if<Vote>(&m.value)) {
    slot = {v->validator, v->height, v->round, step_of(v->type)};
    value = v->block_hash;
  }
  if (!slot) return;
  auto [it, fresh] = signed_.emplace(*slot, value);
  if (!fresh && it->second != value)
    fail("DOUBLE SIGN by honest node " + std::to_string(from) + " at height " +
         std::to_string(std::get<1>(*slot)) + " round " + std::to_string(std::get<2>(*slot)));
}

void World::route(std::size_t from, const ValidatorKey* to, const Message& m) {
  if (!nodes_[from]->up) return;
  check_signed(from, m);
  core::Bytes bytes = core::encode(m);
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (i == from || (to && keys_[nodes_[i]->key_index].public_key() != *to)) continue;
    if (!linked(from, i) || (!healed_ && prng_.chance(drop_pm_))) continue;
    int copies = !healed_ && prng_.chance(dup_pm_) ? 2 : 1;
    for (int c = 0; c < copies; ++c)
      push(prng_.between(1, healed_ ? std::min<std::uint64_t>(max_delay_, 100) : max_delay_),
           Deliver{i, bytes});
  }
}

void World::note_twin_vote(Node& n, const Message& m) {
  const auto* v = std::get_if<Vote>(&m.value);
  if (!twin_key_ || n.twin || !v || v->validator != keys_[*twin_key_].public_key()) return;
  Height h = n.engine->height();
  if (v->height > h || v->height + 2 < h) return;  // the engine no longer (or not yet) checks it
  SlotKey slot{v->height, v->round, v->type};
  auto [it, fresh] = n.twin_votes.emplace(slot, v->block_hash);
  if (!fresh && it->second != v->block_hash && n.owed_evidence.insert(slot).second)
    report_.twin_conflicts++;
}

void World::deliver(Deliver& d) {
  Node& n = *nodes_[d.to];
  if (!n.up) return;
  auto m = core::decode<Message>(d.bytes);
  if (!m) return fail("a message does not decode: " + m.error().to_string());
  note_twin_vote(n, *m);
  after_input(d.to, n.engine->on_message(*m));
}

void World::handle(Event& e) {
  fold(e.time);
  fold(e.payload.index());
  std::visit(
      [&](auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, Deliver>) {
          fold(p.to);
          for (auto b : p.bytes) fold(b);
          deliver(p);
        } else if constexpr (std::is_same_v<T, Fire>) {
          Node& n = *nodes_[p.node];
          if (!n.up || n.generation != p.generation) return;
          fold(p.node);
          fold(static_cast<std::uint64_t>(p.event.kind) << 40 ^ p.event.height << 20 ^
               p.event.round);
          after_input(p.node, n.engine->on_timeout(p.event));
        } else if constexpr (std::is_same_v<T, Crash>) {
          if (!nodes_[p.node]->up) return;
          crash_node(p.node);
          std::uint64_t back =
              std::max(now_ + 1, std::min(now_ + prng_.between(100, 1500), heal_ms_));
          queue_.push({back, seq_++, Restart{p.node}});
        } else if constexpr (std::is_same_v<T, Restart>) {
          if (!nodes_[p.node]->up) start_node(p.node);
        } else {
          healed_ = true;
          for (auto& n : nodes_) n->file.clear_failure();
          heal_height_ = honest_height(false);
          log("heal at honest height " + std::to_string(heal_height_));
        }
      },
      e.payload);
}

std::uint64_t World::honest_height(bool min) const {
  std::uint64_t out = min ? UINT64_MAX : 0;
  for (const auto& n : nodes_) {
    if (n->twin) continue;
    std::uint64_t h = n->up ? n->app->applied().size() : 0;
    out = min ? std::min(out, h) : std::max(out, h);
  }
  return out;
}

RunReport World::run() {
  configure();
  configure_clocks();
  for (std::size_t i = 0; i < nodes_.size() && report_.ok; ++i) start_node(i);
  if (!healed_) queue_.push({heal_ms_, seq_++, Heal{}});
  const std::uint64_t deadline = heal_ms_ + opt_.liveness_ms;
  while (report_.ok && !queue_.empty()) {
    Event e = queue_.top();
    queue_.pop();
    if (e.time > deadline) break;
    now_ = e.time;
    report_.events++;
    handle(e);
    if (healed_ && honest_height(true) >= heal_height_ + opt_.heights_after_heal) break;
  }
  report_.end_ms = now_;
  if (report_.ok && honest_height(true) < heal_height_ + opt_.heights_after_heal)
    fail("LIVENESS: " + std::to_string(opt_.liveness_ms) + " ms after the heal the slowest " +
         "honest node is at height " + std::to_string(honest_height(true)) + ", expected " +
         std::to_string(heal_height_ + opt_.heights_after_heal));
  for (std::size_t i = 0; i < nodes_.size() && report_.ok; ++i) {
    for (const auto& [h, r, type] : nodes_[i]->owed_evidence) {
      bool found = false;
      for (const auto& ev : nodes_[i]->app->evidence())
        found = found || (ev.first.height == h && ev.first.round == r && ev.first.type == type);
      if (!found)
        fail("EVIDENCE: node " + std::to_string(i) + " received the twin's conflicting votes at " +
             "height " + std::to_string(h) + " round " + std::to_string(r) + " but reported none");
    }
  }
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = *nodes_[i];
    if (!n.engine) continue;
    const auto& e = *n.engine;
    log("node " + std::to_string(i) + (n.twin ? " (twin)" : "") + ": height " +
        std::to_string(e.height()) + " round " + std::to_string(e.round()) + " step " +
        std::to_string(static_cast<int>(e.step())) +
        (e.locked() ? " locked@" + std::to_string(e.locked()->round) : "") +
        (e.valid() ? " valid@" + std::to_string(e.valid()->round) : ""));
  }
  for (const auto& n : nodes_)
    if (!n->twin) report_.evidence += n->app->evidence().size();
  report_.time_checks = time_check_->bounded_checks();
  report_.max_time_lag_ms = time_check_->max_lag_ms();
  return report_;
}

}  // namespace

RunReport run_simulation(const SimOptions& options) {
  World world(options);
  return world.run();
}

}  // namespace grid::sim
