// Checks the dependency table of ARCHITECTURE.md over every #include of every module:
// a module may include only the modules it may depend on, and only the named modules may include
// the third-party libraries whose use the table restricts. Fails with file:line of each violation.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::set<std::string>> kMayInclude = {
    {"core", {"core"}},
    {"ledger", {"ledger", "core"}},
    {"contracts", {"contracts", "ledger", "core"}},
    {"consensus", {"consensus", "core"}},
    {"rpc", {"rpc", "contracts", "ledger", "core"}},
    {"node", {"node", "rpc", "consensus", "contracts", "ledger", "core"}},
    {"tools", {"tools", "rpc", "contracts", "ledger", "core"}},
};

// Third-party header prefixes and the modules allowed to include them.
const std::vector<std::pair<std::string, std::set<std::string>>> kRestrictedLibraries = {
    {"secp256k1", {"core"}},
    {"sodium", {"core"}},
    {"leveldb/", {"core"}},
    {"rapidjson/", {"rpc", "node", "tools"}},
    {"httplib.h", {"rpc", "node", "tools"}},
    {"boost/", {"node", "tools"}},
};

struct Violation {
  std::string where;
  std::string what;
};

std::vector<Violation> check_module(const fs::path& root, const std::string& module) {
  std::vector<Violation> found;
  static const std::regex include_re(R"(^\s*#\s*include\s*([<"])([^">]+)[">])");
  fs::path dir = root / module;
  if (!fs::exists(dir)) return found;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    auto ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".hpp" && ext != ".cpp" && ext != ".h")) continue;
    std::ifstream in(entry.path());
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      std::smatch m;
      if (!std::regex_search(line, m, include_re)) continue;
      std::string target = m[2];
      std::string where = fs::relative(entry.path(), root).string() + ":" + std::to_string(line_no);
      auto slash = target.find('/');
      std::string first = slash == std::string::npos ? "" : target.substr(0, slash);
      if (m[1] == "\"" && kMayInclude.count(first) && !kMayInclude.at(module).count(first))
        found.push_back({where, module + "/ may not include " + target});
      if (m[1] == "\"" && first.empty())
        found.push_back({where, "include \"" + target + "\" must be written from the root"});
      for (const auto& [prefix, allowed] : kRestrictedLibraries)
        if (target.rfind(prefix, 0) == 0 && !allowed.count(module))
          found.push_back({where, module + "/ may not include <" + target + ">"});
    }
  }
  return found;
}

TEST(IncludeRules, EveryModuleIncludesOnlyWhatTheTableAllows) {
  fs::path root(GRID_SOURCE_DIR);
  std::size_t checked_modules = 0;
  for (const auto& [module, _] : kMayInclude) {
    for (const auto& v : check_module(root, module)) ADD_FAILURE() << v.where << ": " << v.what;
    ++checked_modules;
  }
  EXPECT_EQ(checked_modules, kMayInclude.size());
  ASSERT_TRUE(fs::exists(root / "core" / "status.hpp")) << "source tree not found at " << root;
}

TEST(IncludeRules, NothingIncludesNode) {
  // node/ is the composition root: listed in no other module's allowed set.
  for (const auto& [module, allowed] : kMayInclude)
    if (module != "node") {
      EXPECT_FALSE(allowed.count("node")) << module;
    }
  EXPECT_FALSE(kMayInclude.at("consensus").count("contracts"));
  EXPECT_FALSE(kMayInclude.at("contracts").count("consensus"));
}

}  // namespace
