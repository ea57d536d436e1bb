#include "tools/load/load_report.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace grid::tools {
namespace {

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

double percentile_ms(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

LoadSummary summarize(const std::vector<std::vector<SignedTx>>& queues,
                      const std::vector<std::vector<TxTiming>>& timings, const CommitLog& log,
                      const SubmitStats& stats) {
  LoadSummary s;
  s.submit = stats;
  std::optional<Clock::time_point> first_submit, last_commit;
  std::vector<double> latencies;
  for (std::size_t k = 0; k < queues.size(); ++k) {
    for (std::size_t j = 0; j < queues[k].size(); ++j) {
      ++s.txs;
      const TxTiming& t = timings[k][j];
      if (t.first_sent && (!first_submit || *t.first_sent < *first_submit))
        first_submit = t.first_sent;
      auto seen = log.find(queues[k][j].id);
      if (!seen) continue;
      ++s.committed;
      if (!last_commit || seen->at > *last_commit) last_commit = seen->at;
      s.first_height = s.first_height ? std::min(s.first_height, seen->height) : seen->height;
      s.last_height = std::max(s.last_height, seen->height);
      auto sent = t.accepted ? t.accepted : t.first_sent;
      if (sent) latencies.push_back(ms_between(*sent, seen->at));
    }
  }
  if (first_submit && last_commit && *last_commit > *first_submit) {
    s.seconds = ms_between(*first_submit, *last_commit) / 1000.0;
    s.tps = static_cast<double>(s.committed) / s.seconds;
  }
  s.p50_ms = percentile_ms(latencies, 50);
  s.p99_ms = percentile_ms(latencies, 99);
  s.max_ms = latencies.empty() ? 0 : *std::max_element(latencies.begin(), latencies.end());
  return s;
}

std::string summary_text(const LoadSummary& s) {
  std::string out;
  out += "committed      " + std::to_string(s.committed) + " / " + std::to_string(s.txs) +
         (s.complete() ? "" : "  (INCOMPLETE)") + "\n";
  out += "throughput     " + fixed(s.tps, 1) + " tx/s over " + fixed(s.seconds, 3) + " s\n";
  out += "latency        p50 " + fixed(s.p50_ms, 1) + " ms, p99 " + fixed(s.p99_ms, 1) +
         " ms, max " + fixed(s.max_ms, 1) + " ms (submit to commit seen)\n";
  out += "blocks         heights " + std::to_string(s.first_height) + ".." +
         std::to_string(s.last_height) + "\n";
  out += "requests       " + std::to_string(s.submit.requests) + " (accepted " +
         std::to_string(s.submit.accepted) + ", resubmitted " +
         std::to_string(s.submit.resubmitted) + ", transport errors " +
         std::to_string(s.submit.transport_errors) + ", cascaded refusals " +
         std::to_string(s.submit.cascaded) + ", abandoned accounts " +
         std::to_string(s.submit.abandoned_accounts) + ")\n";
  out += "refused        ";
  if (s.submit.refused.empty()) out += "none";
  bool first = true;
  for (const auto& [reason, n] : s.submit.refused) {
    out += (first ? "" : ", ") + reason + " " + std::to_string(n);
    first = false;
  }
  return out + "\n";
}

std::string summary_json(const LoadSummary& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto number = [&](const char* key, std::uint64_t v) {
    w.Key(key);
    w.Uint64(v);
  };
  auto real = [&](const char* key, double v) {
    w.Key(key);
    w.Double(std::round(v * 1000.0) / 1000.0);
  };
  w.StartObject();
  number("txs", s.txs);
  number("committed", s.committed);
  w.Key("complete");
  w.Bool(s.complete());
  real("seconds", s.seconds);
  real("tps", s.tps);
  w.Key("latency_ms");
  w.StartObject();
  real("p50", s.p50_ms);
  real("p99", s.p99_ms);
  real("max", s.max_ms);
  w.EndObject();
  w.Key("heights");
  w.StartObject();
  number("first", s.first_height);
  number("last", s.last_height);
  w.EndObject();
  number("requests", s.submit.requests);
  number("accepted", s.submit.accepted);
  number("resubmitted", s.submit.resubmitted);
  number("transport_errors", s.submit.transport_errors);
  number("cascaded", s.submit.cascaded);
  number("abandoned_accounts", s.submit.abandoned_accounts);
  w.Key("refused");
  w.StartObject();
  for (const auto& [reason, n] : s.submit.refused) number(reason.c_str(), n);
  w.EndObject();
  w.EndObject();
  return buf.GetString();
}

}  // namespace grid::tools
