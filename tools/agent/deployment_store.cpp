#include "tools/agent/deployment_store.hpp"

#include <rapidjson/document.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

std::string u64_text(std::uint64_t v) {
  return json_quote(std::to_string(v));
}

core::Result<std::uint64_t> u64_at(const rapidjson::Value& v, std::string_view name) {
  return json_u64_member(v, name);
}

core::Result<const rapidjson::Value*> member(const rapidjson::Value& v, const char* name) {
  auto it = v.FindMember(name);
  if (it == v.MemberEnd()) return core::Status::invalid(std::string("no '") + name + "'");
  return &it->value;
}

}  // namespace

std::string deployment_to_json(const Deployment& d) {
  const Reservation& r = d.reservation;
  std::string ips = "[";
  for (std::size_t i = 0; i < r.ips.size(); ++i) ips += (i ? "," : "") + json_quote(r.ips[i]);
  ips += "]";
  return "{\"contract_id\":" + u64_text(d.contract_id) +
         ",\"twin_id\":" + std::to_string(d.twin_id) +
         ",\"paused\":" + (d.paused ? "true" : "false") +
         ",\"resources\":{\"cru\":" + u64_text(r.resources.cru) +
         ",\"mru\":" + u64_text(r.resources.mru) + ",\"sru\":" + u64_text(r.resources.sru) +
         ",\"hru\":" + u64_text(r.resources.hru) +
         "},\"public_ips\":" + std::to_string(r.public_ips) + ",\"ips\":" + ips +
         ",\"deployment_hash\":" + json_quote(r.deployment_hash) +
         ",\"provisioned_at\":" + std::to_string(d.provisioned_at) + "}\n";
}

core::Result<Deployment> deployment_from_json(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return core::Status::invalid("not a JSON object");
  Deployment d;
  GRID_ASSIGN(d.contract_id, u64_at(doc, "contract_id"));
  GRID_ASSIGN(std::uint64_t twin, u64_at(doc, "twin_id"));
  if (twin > UINT32_MAX) return core::Status::invalid("twin_id out of range");
  d.twin_id = static_cast<std::uint32_t>(twin);
  GRID_ASSIGN(const rapidjson::Value* paused, member(doc, "paused"));
  if (!paused->IsBool()) return core::Status::invalid("'paused' is not a bool");
  d.paused = paused->GetBool();
  GRID_ASSIGN(const rapidjson::Value* res, member(doc, "resources"));
  GRID_ASSIGN(d.reservation.resources.cru, u64_at(*res, "cru"));
  GRID_ASSIGN(d.reservation.resources.mru, u64_at(*res, "mru"));
  GRID_ASSIGN(d.reservation.resources.sru, u64_at(*res, "sru"));
  GRID_ASSIGN(d.reservation.resources.hru, u64_at(*res, "hru"));
  GRID_ASSIGN(std::uint64_t public_ips, u64_at(doc, "public_ips"));
  if (public_ips > UINT32_MAX) return core::Status::invalid("public_ips out of range");
  d.reservation.public_ips = static_cast<std::uint32_t>(public_ips);
  GRID_ASSIGN(const rapidjson::Value* ips, member(doc, "ips"));
  if (!ips->IsArray()) return core::Status::invalid("'ips' is not an array");
  for (const auto& ip : ips->GetArray()) {
    if (!ip.IsString()) return core::Status::invalid("an ip is not a string");
    d.reservation.ips.emplace_back(ip.GetString(), ip.GetStringLength());
  }
  GRID_ASSIGN(d.reservation.deployment_hash, json_string_member(doc, "deployment_hash"));
  GRID_ASSIGN(d.provisioned_at, u64_at(doc, "provisioned_at"));
  return d;
}

core::Result<DeploymentStore> DeploymentStore::open(const std::filesystem::path& state_dir) {
  std::filesystem::path dir = state_dir / "contracts";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return core::Status::io("cannot create " + dir.string() + ": " + ec.message());
  return DeploymentStore(dir);
}

std::filesystem::path DeploymentStore::file_of(std::uint64_t contract_id) const {
  return dir_ / (std::to_string(contract_id) + ".json");
}

core::Status DeploymentStore::write(const Deployment& d) {
  std::filesystem::path final_path = file_of(d.contract_id);
  std::filesystem::path tmp = final_path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << deployment_to_json(d);
    out.flush();
    if (!out) return core::Status::io("cannot write " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, final_path, ec);
  if (ec) return core::Status::io("cannot rename " + tmp.string() + ": " + ec.message());
  return core::Status::ok();
}

core::Status DeploymentStore::remove(std::uint64_t contract_id) {
  std::error_code ec;
  std::filesystem::remove(file_of(contract_id), ec);
  if (ec)
    return core::Status::io("cannot remove " + file_of(contract_id).string() + ": " + ec.message());
  return core::Status::ok();
}

LoadedDeployments DeploymentStore::load_all() const {
  LoadedDeployments out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const std::filesystem::path& p = entry.path();
    if (p.extension() != ".json") continue;
    std::string stem = p.stem().string();
    std::uint64_t id = 0;
    auto [ptr, perr] = std::from_chars(stem.data(), stem.data() + stem.size(), id);
    if (perr != std::errc() || ptr != stem.data() + stem.size()) {
      out.problems.push_back(p.string() + ": not named <contract id>.json");
      continue;
    }
    std::ifstream in(p, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto d = deployment_from_json(text.str());
    if (!in || !d) {
      out.problems.push_back(p.string() + ": " + (d ? "unreadable" : d.error().message()));
      continue;
    }
    if (d->contract_id != id) {
      out.problems.push_back(p.string() + ": holds contract " + std::to_string(d->contract_id));
      continue;
    }
    out.deployments.emplace(id, std::move(*d));
  }
  if (ec) out.problems.push_back(dir_.string() + ": " + ec.message());
  return out;
}

}  // namespace grid::tools
