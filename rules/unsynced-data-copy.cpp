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
    // Each object's name words, numbers and columns are worked out once: the editor reruns this
    // rule on every edit, over tens of thousands of tables in a large monorepo.
    std::vector<Profile> profiles;
    profiles.reserve(model.store_objects.size());
    for (const auto& object : model.store_objects) profiles.push_back(profile_of(object));
    // A copy's name always holds the first word of its original's name and the same numbers
    // (see looks_like_copy), so only objects filed under one of the copy's words with the copy's
    // numbers are compared: not every pair.
    std::map<std::string, std::vector<std::size_t>> candidates_by_key;
    for (std::size_t index = 0; index < profiles.size(); ++index) {
      if (!profiles[index].words.empty()) candidates_by_key[candidate_key(profiles[index].words.front(), profiles[index].numbers)].push_back(index);
    }
    const ChannelIndex channels(model);
    for (std::size_t copy_index = 0; copy_index < profiles.size(); ++copy_index) {
      const StoreObject& copy = model.store_objects[copy_index];
      const Profile& copy_profile = profiles[copy_index];
      std::vector<std::size_t> candidates;
      for (const auto& word : copy_profile.words) {
        if (const auto found = candidates_by_key.find(candidate_key(word, copy_profile.numbers)); found != candidates_by_key.end()) {
          candidates.insert(candidates.end(), found->second.begin(), found->second.end());
        }
      }
      std::sort(candidates.begin(), candidates.end());  // model order
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      std::vector<std::size_t> originals;
      for (const std::size_t candidate : candidates) {
        const StoreObject& original = model.store_objects[candidate];
        if (copy.owner == original.owner || copy.store_kind != original.store_kind) continue;
        // One definition shared through a library is one table, not a copy (shared-data-library's case).
        if (copy.location == original.location) continue;
        if (looks_like_copy(copy_profile, profiles[candidate]) && is_source_of_truth(original, profiles[candidate], copy, copy_profile)) {
          originals.push_back(candidate);
        }
      }
      // Copies of copies: when a service is named after the data, it alone is the source of truth.
      if (std::any_of(originals.begin(), originals.end(), [&](std::size_t original) { return profiles[original].named_after_owner; })) {
        std::erase_if(originals, [&](std::size_t original) { return !profiles[original].named_after_owner; });
      }
      for (const std::size_t original_index : originals) {
        const StoreObject& original = model.store_objects[original_index];
        if (channels.listens_to(copy.owner, original.owner, profiles[original_index].words)) continue;
        Finding finding;
        finding.rule = std::string(info().id);
        finding.message = copy.owner + " keeps its own " + copy.store_kind + " " + copy.name + ", a copy of " + original.owner + "'s " +
                          original.name + ", but subscribes to no event of " + original.owner + ": the copy goes stale when " +
                          original.owner + " changes the data";
        finding.services = {copy.owner, original.owner};
        finding.location = copy.location;
        finding.related.push_back({original.location, original.owner + " owns " + original.name + " here"});
        finding.fingerprint = fingerprint_of({info().id, copy.owner, copy.name, original.owner, original.name});
        findings.push_back(std::move(finding));
      }
    }
  }

 private:
  // What the comparisons need of one store object.
  struct Profile {
    std::vector<std::string> words;       // name_words(name)
    std::vector<std::string> numbers;     // its all-digit words
    std::vector<std::string> columns;     // meaningful columns, lower-case, sorted
    bool named_after_owner = false;       // "users" kept by users-service
  };

  static Profile profile_of(const StoreObject& object) {
    Profile profile;
    profile.words = name_words(object.name);
    for (const auto& word : profile.words) {
      if (std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) profile.numbers.push_back(word);
    }
    const std::set<std::string> columns = meaningful_columns(object.columns);
    profile.columns.assign(columns.begin(), columns.end());
    const auto owner_words = name_words(object.owner);
    profile.named_after_owner =
        !profile.words.empty() && std::find(owner_words.begin(), owner_words.end(), profile.words.front()) != owner_words.end();
    return profile;
  }

  static std::string candidate_key(const std::string& word, const std::vector<std::string>& numbers) {
    std::string key = word;
    for (const auto& number : numbers) key += '\x1f' + number;
    return key;
  }

  // Same name (up to plural and separators), or the copy's name built on the original's
  // (user_emails from users) with at least two meaningful columns in common.
  static bool looks_like_copy(const Profile& copy, const Profile& original) {
    if (copy.words.empty() || original.words.empty()) return false;
    // Numbered objects (shard_1 / shard_2, events_2023 / events_2024, agg_3 / agg_23) are
    // siblings, not copies: their numbers must agree.
    if (copy.numbers != original.numbers) return false;
    std::size_t common = 0;
    for (auto a = copy.columns.begin(), b = original.columns.begin(); a != copy.columns.end() && b != original.columns.end();) {
      if (*a < *b) {
        ++a;
      } else if (*b < *a) {
        ++b;
      } else {
        ++common, ++a, ++b;
      }
    }
    if (copy.words == original.words) return copy.columns.empty() || original.columns.empty() || common > 0;
    const bool built_on = std::includes(copy.words.begin(), copy.words.end(), original.words.begin(), original.words.end()) ||
                          std::find(copy.words.begin(), copy.words.end(), original.words.front()) != copy.words.end();
    return built_on && common >= 2;
  }

  static bool is_source_of_truth(const StoreObject& original, const Profile& original_profile, const StoreObject& copy, const Profile& copy_profile) {
    if (original_profile.named_after_owner != copy_profile.named_after_owner) return original_profile.named_after_owner;
    // Neither or both named after their service: the one with fewer columns is taken as the copy.
    if (original.columns.size() != copy.columns.size()) return original.columns.size() > copy.columns.size();
    return original.owner < copy.owner;
  }

  // Who publishes and who subscribes to which channel, gathered once per check.
  class ChannelIndex {
   public:
    explicit ChannelIndex(const Model& model) {
      for (const auto& event : model.events) {
        if (event.role == "publish") published_[event.unit].insert(event.channel);
        if (event.role == "subscribe") subscribed_[event.unit].emplace(event.channel, name_words(event.channel));
      }
    }
    // The copier subscribes to a channel the owner publishes, or to one named after the data.
    bool listens_to(const std::string& copier, const std::string& owner, const std::vector<std::string>& data_words) const {
      const auto subscriptions = subscribed_.find(copier);
      if (subscriptions == subscribed_.end()) return false;
      const auto publications = published_.find(owner);
      for (const auto& [channel, channel_words] : subscriptions->second) {
        if (publications != published_.end() && publications->second.contains(channel)) return true;
        if (!data_words.empty() && std::find(channel_words.begin(), channel_words.end(), data_words.front()) != channel_words.end()) return true;
      }
      return false;
    }

   private:
    std::map<std::string, std::set<std::string>> published_;
    std::map<std::string, std::map<std::string, std::vector<std::string>>> subscribed_;
  };
};

}  // namespace

std::unique_ptr<Rule> make_unsynced_data_copy_rule() { return std::make_unique<UnsyncedDataCopyRule>(); }

}  // namespace dbsilo
