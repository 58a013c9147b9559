// Dockerfiles: only the base image of the final stage matters (is this a database container?).
#pragma once

#include <string>
#include <string_view>

namespace dbsilo {

// True for Dockerfile, Dockerfile.dev, orders.Dockerfile, orders.dockerfile.
bool is_dockerfile_name(std::string_view file_name);

// The image the final stage is built FROM, following `FROM x AS name` aliases back to an
// image; "" when there is none. ARG references are left as written.
std::string dockerfile_base_image(std::string_view text);

}  // namespace dbsilo
