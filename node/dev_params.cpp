#include "node/dev_params.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

#include "rpc/genesis_json.hpp"

namespace grid::node {

core::Result<ledger::Genesis> with_params(const ledger::Genesis& genesis, std::string_view list) {
  if (list.empty()) return genesis;
  rapidjson::Document doc;
  doc.Parse(rpc::genesis_to_json(genesis).c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("params"))
    return core::Status::internal("the genesis JSON has no params object");
  rapidjson::Value& params = doc["params"];
  auto& alloc = doc.GetAllocator();
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view item = list.substr(start, comma - start);
    start = comma + 1;
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0)
      return core::Status::invalid("--params: expected name=value, got '" + std::string(item) +
                                   "'");
    std::string name(item.substr(0, eq));
    std::string value(item.substr(eq + 1));
    auto member = params.FindMember(name.c_str());
    if (member == params.MemberEnd())
      return core::Status::invalid("--params: no chain parameter '" + name +
                                   "' (docs/genesis.md lists them)");
    if (member->value.IsString()) {  // u64 fields and addresses: the reader checks the text
      member->value.SetString(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), alloc);
    } else {  // u32 fields: a JSON number, which the reader range-checks
      rapidjson::Document number;
      number.Parse(value.c_str());
      if (number.HasParseError() || !number.IsNumber())
        return core::Status::invalid("--params: " + name + ": '" + value + "' is not a number");
      member->value.CopyFrom(number, alloc);
    }
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  auto patched = rpc::genesis_from_json(buffer.GetString());
  if (!patched) return core::Status::invalid("--params: " + patched.error().message());
  return patched;
}

}  // namespace grid::node
