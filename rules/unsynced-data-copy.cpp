// unsynced-data-copy: a service keeps its own copy of another service's data and listens to none of its events (seed pitfall 3).
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "rules/rules.h"

namespace dbsilo {
namespace {

// Columns every table has: they say nothing about whose data it is.
constexpr std::array<std::string_view, 8> kGenericColumns = {"created_at", "createdat", "id", "modified_at", "updated_at", "updatedat", "uuid", "version"};

// "user_emails" -> {"user", "email"}; "Users" -> {"user"}: singular word stems of a name.
std::vector<std::string> name_words(const std::string& name) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() > 3 && word.ends_with("ies")) word = word.substr(0, word.size() - 3) + "y";
    else if (word.size() > 2 && word.ends_with("s") && !word.ends_with("ss")) word.pop_back();
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (char c : to_lower(name)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::set<std::string> meaningful_columns(const std::vector<std::string>& columns) {
  std::set<std::string> result;
  for (const auto& column : columns) {
    const std::string lowered = to_lower(column);
    if (std::find(kGenericColumns.begin(), kGenericColumns.end(), lowered) == kGenericColumns.end()) result.insert(lowered);
  }
  return result;
}

class UnsyncedDataCopyRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo rule_info{
        "unsynced-data-copy",
        "Unsynchronised data copy",
        "A service stores a copy of another service's data (same name and columns) but subscribes to none of that service's events.",
        "Have the owner publish an event when the data changes (e.g. UserEmailUpdated) and update the copy from it, "
        "or call the owner's API instead of keeping a copy.",
        Severity::warning,
        3,
        {"database-per-service", "consistency", "events"}};
    return rule_info;
  }

  void check(const Model& model, std::vector<Finding>& findings) const override {
    // A copy's name always holds the first word of its original's name (see looks_like_copy), so
    // only objects whose first word is one of the copy's words are compared: not every pair,
    // which the editor would pay on each edit.
    std::map<std::string, std::vector<std::size_t>> objects_by_first_word;
    for (std::size_t index = 0; index < model.store_objects.size(); ++index) {
      const auto words = name_words(model.store_objects[index].name);
      if (!words.empty()) objects_by_first_word[words.front()].push_back(index);
    }
    for (const auto& copy : model.store_objects) {
      std::vector<std::size_t> candidates;
      for (const auto& word : name_words(copy.name)) {
        if (const auto found = objects_by_first_word.find(word); found != objects_by_first_word.end()) {
          candidates.insert(candidates.end(), found->second.begin(), found->second.end());
        }
      }
      std::sort(candidates.begin(), candidates.end());  // model order, as before
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      std::vector<const StoreObject*> originals;
      for (const std::size_t candidate : candidates) {
        const StoreObject& original = model.store_objects[candidate];
        if (copy.owner == original.owner || copy.store_kind != original.store_kind) continue;
        // One definition shared through a library is one table, not a copy (shared-data-library's case).
        if (copy.location == original.location) continue;
        if (looks_like_copy(copy, original) && is_source_of_truth(original, copy)) originals.push_back(&original);
      }
      // Copies of copies: when a service is named after the data, it alone is the source of truth.
      if (std::any_of(originals.begin(), originals.end(), [](const StoreObject* original) { return named_after_owner(*original); })) {
        std::erase_if(originals, [](const StoreObject* original) { return !named_after_owner(*original); });
      }
      for (const StoreObject* original : originals) {
        if (listens_to(model, copy.owner, original->owner, original->name)) continue;
        Finding finding;
        finding.rule = std::string(info().id);
        finding.message = copy.owner + " keeps its own " + copy.store_kind + " " + copy.name + ", a copy of " + original->owner + "'s " +
                          original->name + ", but subscribes to no event of " + original->owner + ": the copy goes stale when " +
                          original->owner + " changes the data";
        finding.services = {copy.owner, original->owner};
        finding.location = copy.location;
        finding.related.push_back({original->location, original->owner + " owns " + original->name + " here"});
        finding.fingerprint = fingerprint_of({info().id, copy.owner, copy.name, original->owner, original->name});
        findings.push_back(std::move(finding));
      }
    }
  }

 private:
  // Same name (up to plural and separators), or the copy's name built on the original's
  // (user_emails from users) with at least two meaningful columns in common.
  static bool looks_like_copy(const StoreObject& copy, const StoreObject& original) {
    const auto copy_words = name_words(copy.name);
    const auto original_words = name_words(original.name);
    if (copy_words.empty() || original_words.empty()) return false;
    // Numbered objects (shard_1 / shard_2, events_2023 / events_2024, agg_3 / agg_23) are
    // siblings, not copies: their numbers must agree.
    if (numbers_in(copy_words) != numbers_in(original_words)) return false;
    const std::set<std::string> copy_columns = meaningful_columns(copy.columns);
    const std::set<std::string> original_columns = meaningful_columns(original.columns);
    std::vector<std::string> common;
    std::set_intersection(copy_columns.begin(), copy_columns.end(), original_columns.begin(), original_columns.end(), std::back_inserter(common));
    if (copy_words == original_words) return copy_columns.empty() || original_columns.empty() || !common.empty();
    const bool built_on = std::includes(copy_words.begin(), copy_words.end(), original_words.begin(), original_words.end()) ||
                          std::find(copy_words.begin(), copy_words.end(), original_words.front()) != copy_words.end();
    return built_on && common.size() >= 2;
  }

  static std::vector<std::string> numbers_in(const std::vector<std::string>& words) {
    std::vector<std::string> numbers;
    for (const auto& word : words) {
      if (std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) numbers.push_back(word);
    }
    return numbers;
  }

  // "users" kept by users-service: the service is named after the data.
  static bool named_after_owner(const StoreObject& object) {
    const auto words = name_words(object.name);
    const auto owner_words = name_words(object.owner);
    return !words.empty() && std::find(owner_words.begin(), owner_words.end(), words.front()) != owner_words.end();
  }

  static bool is_source_of_truth(const StoreObject& original, const StoreObject& copy) {
    if (named_after_owner(original) != named_after_owner(copy)) return named_after_owner(original);
    // Neither or both named after their service: the one with fewer columns is taken as the copy.
    if (original.columns.size() != copy.columns.size()) return original.columns.size() > copy.columns.size();
    return original.owner < copy.owner;
  }

  // The copier subscribes to a channel the owner publishes, or to one named after the data.
  static bool listens_to(const Model& model, const std::string& copier, const std::string& owner, const std::string& data_name) {
    std::set<std::string> published;
    for (const auto& event : model.events) {
      if (event.unit == owner && event.role == "publish") published.insert(event.channel);
    }
    const auto data_words = name_words(data_name);
    for (const auto& event : model.events) {
      if (event.unit != copier || event.role != "subscribe") continue;
      if (published.contains(event.channel)) return true;
      const auto channel_words = name_words(event.channel);
      if (!data_words.empty() && std::find(channel_words.begin(), channel_words.end(), data_words.front()) != channel_words.end()) return true;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> make_unsynced_data_copy_rule() { return std::make_unique<UnsyncedDataCopyRule>(); }

}  // namespace dbsilo
