// Reads FROM lines of a Dockerfile (see dockerfile.h).
#include "languages/compose/dockerfile.h"

#include <map>
#include <sstream>

#include "dbsilo/text.h"

namespace dbsilo {

bool is_dockerfile_name(std::string_view file_name) {
  const std::string name = to_lower(file_name);
  return name == "dockerfile" || name.starts_with("dockerfile.") || name.ends_with(".dockerfile");
}

std::string dockerfile_base_image(std::string_view text) {
  std::map<std::string, std::string> image_of_stage;
  std::string final_image;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string instruction;
    if (!(words >> instruction) || to_lower(instruction) != "from") continue;
    std::string image;
    while (words >> image && image.starts_with("--")) {
    }
    if (image.empty() || image.starts_with("--")) continue;
    std::string as_word;
    std::string stage;
    if (words >> as_word && to_lower(as_word) == "as") words >> stage;
    // FROM builder: a previous stage's name stands for that stage's image.
    if (auto found = image_of_stage.find(to_lower(image)); found != image_of_stage.end()) image = found->second;
    if (!stage.empty()) image_of_stage[to_lower(stage)] = image;
    final_image = image;
  }
  return final_image;
}

}  // namespace dbsilo
