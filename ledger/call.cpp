#include "ledger/call.hpp"

#include "ledger/tagged_variant.hpp"

namespace grid::ledger {
namespace {

template <std::size_t I = 0>
std::string_view name_of_tag(std::uint8_t tag) {
  if constexpr (I == std::variant_size_v<CallBody>) {
    return {};
  } else {
    using T = std::variant_alternative_t<I, CallBody>;
    return T::kTag == tag ? T::kName : name_of_tag<I + 1>(tag);
  }
}

}  // namespace

std::uint8_t Call::tag() const {
  return tagged_tag(body);
}

std::string_view Call::name() const {
  return tagged_name(body);
}

void Call::encode_to(core::Writer& w) const {
  tagged_encode(w, body);
}

void Call::decode_from(core::Reader& r) {
  tagged_decode(r, body, "call tag");
}

std::string_view call_name(std::uint8_t tag) {
  return name_of_tag(tag);
}

}  // namespace grid::ledger
