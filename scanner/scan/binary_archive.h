// A compact binary encoding of fact structs for the fact cache: a warm scan decodes tens of
// thousands of files' facts, and JSON (a DOM per file, then structs) cost more than the analysis.
// Structs are walked through visit_fields(archive, value), which fact_cache.cpp generates from the
// same field lists as the JSON mapping, so the two formats cannot disagree about the fields.
//
// Encoding: unsigned integers as LEB128 varints, signed ones zigzagged first, enums as their
// underlying integer, bool as one byte, strings and containers as a varint count then the items,
// optional as a presence byte then the value. The reader checks every count against the bytes
// left and throws BinaryFormatError on anything malformed: a damaged entry is never trusted.
#pragma once

#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace dbsilo {

struct BinaryFormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class BinaryWriter {
 public:
  std::string& bytes() { return out_; }

  void varint(std::uint64_t value) {
    while (value >= 0x80) {
      out_ += static_cast<char>((value & 0x7f) | 0x80);
      value >>= 7;
    }
    out_ += static_cast<char>(value);
  }

  // A length-prefixed byte string: the encoding of a std::string field, for views.
  void text(std::string_view bytes) {
    varint(bytes.size());
    out_ += bytes;
  }

  template <typename T>
  void field(const T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      out_ += value ? '\1' : '\0';
    } else if constexpr (std::is_enum_v<T>) {
      field(static_cast<std::underlying_type_t<T>>(value));
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      const auto wide = static_cast<std::int64_t>(value);
      varint((static_cast<std::uint64_t>(wide) << 1) ^ static_cast<std::uint64_t>(wide >> 63));
    } else if constexpr (std::is_integral_v<T>) {
      varint(value);
    } else if constexpr (std::is_same_v<T, std::string>) {
      text(value);
    } else {
      visit_fields(*this, value);  // a fact struct: found by argument-dependent lookup
    }
  }
  template <typename T>
  void field(const std::vector<T>& values) {
    varint(values.size());
    for (const auto& value : values) field(value);
  }
  template <typename T>
  void field(const std::optional<T>& value) {
    field(value.has_value());
    if (value) field(*value);
  }
  template <typename A, typename B>
  void field(const std::pair<A, B>& value) {
    field(value.first);
    field(value.second);
  }
  template <typename K, typename V>
  void field(const std::map<K, V>& values) {
    varint(values.size());
    for (const auto& [key, value] : values) {
      field(key);
      field(value);
    }
  }

 private:
  std::string out_;
};

class BinaryReader {
 public:
  explicit BinaryReader(std::string_view bytes) : in_(bytes) {}
  bool at_end() const { return at_ == in_.size(); }
  std::size_t position() const { return at_; }

  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= in_.size()) throw BinaryFormatError("truncated");
      const auto byte = static_cast<unsigned char>(in_[at_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    throw BinaryFormatError("varint too long");
  }

  // A count of items, each at least one byte: more than the bytes left is damage, not data.
  std::size_t count() {
    const std::uint64_t value = varint();
    if (value > in_.size() - at_) throw BinaryFormatError("count past the end");
    return static_cast<std::size_t>(value);
  }

  // What BinaryWriter::text wrote, as a view into the input.
  std::string_view text() { return bytes(count()); }

  std::string_view bytes(std::size_t size) {
    if (size > in_.size() - at_) throw BinaryFormatError("truncated");
    const std::string_view view = in_.substr(at_, size);
    at_ += size;
    return view;
  }

  template <typename T>
  void field(T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      const std::string_view byte = bytes(1);
      if (byte[0] != '\0' && byte[0] != '\1') throw BinaryFormatError("bad bool");
      value = byte[0] == '\1';
    } else if constexpr (std::is_enum_v<T>) {
      std::underlying_type_t<T> raw{};
      field(raw);
      value = static_cast<T>(raw);
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      const std::uint64_t raw = varint();
      const auto wide = static_cast<std::int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
      value = static_cast<T>(wide);
      if (static_cast<std::int64_t>(value) != wide) throw BinaryFormatError("integer out of range");
    } else if constexpr (std::is_integral_v<T>) {
      const std::uint64_t raw = varint();
      value = static_cast<T>(raw);
      if (static_cast<std::uint64_t>(value) != raw) throw BinaryFormatError("integer out of range");
    } else if constexpr (std::is_same_v<T, std::string>) {
      value.assign(text());
    } else {
      visit_fields(*this, value);
    }
  }
  template <typename T>
  void field(std::vector<T>& values) {
    values.resize(count());
    for (auto& value : values) field(value);
  }
  template <typename T>
  void field(std::optional<T>& value) {
    bool present = false;
    field(present);
    if (present) {
      field(value.emplace());
    } else {
      value.reset();
    }
  }
  template <typename A, typename B>
  void field(std::pair<A, B>& value) {
    field(value.first);
    field(value.second);
  }
  template <typename K, typename V>
  void field(std::map<K, V>& values) {
    values.clear();
    const std::size_t size = count();
    for (std::size_t i = 0; i < size; ++i) {
      std::pair<K, V> entry;
      field(entry.first);
      field(entry.second);
      values.insert(values.end(), std::move(entry));
    }
  }

 private:
  std::string_view in_;
  std::size_t at_ = 0;
};

}  // namespace dbsilo
