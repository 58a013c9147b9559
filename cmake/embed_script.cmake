# Writes OUTPUT: a C++ function FUNCTION() returning the bytes of the JavaScript file INPUT, and
# FUNCTION_version() returning the "version" of the package.json one folder above INPUT's dist/.
# Bytes, not a string literal: the library is far longer than the 64 KiB literal -Wpedantic allows.
file(READ "${INPUT}" script_text)
# The HTML map inlines the script in a <script> element: the text must not close that element.
string(TOLOWER "${script_text}" script_lower)
string(FIND "${script_lower}" "</script" closing_tag)
if(NOT closing_tag EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains '</script' and cannot be inlined into an HTML page")
endif()

get_filename_component(dist_dir "${INPUT}" DIRECTORY)
file(READ "${dist_dir}/../package.json" package_json)
string(JSON package_version GET "${package_json}" version)

file(READ "${INPUT}" script_hex HEX)
string(LENGTH "${script_hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
# 32 bytes per line keeps the generated file readable and each regex pass cheap.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," script_bytes "${script_hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" script_bytes "${script_bytes}")

file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_script.cmake; do not edit.\n"
  "#include <string_view>\n"
  "namespace dbsilo {\n"
  "namespace {\n"
  "const unsigned char kBytes[${byte_count}] = {\n${script_bytes}\n};\n"
  "}  // namespace\n"
  "std::string_view ${FUNCTION}() { return {reinterpret_cast<const char*>(kBytes), sizeof kBytes}; }\n"
  "std::string_view ${FUNCTION}_version() { return \"${package_version}\"; }\n"
  "}  // namespace dbsilo\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
