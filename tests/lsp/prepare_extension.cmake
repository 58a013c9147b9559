# Copies the VS Code extension's sources into the build tree and links the npm packages that
# scripts/setup.sh installed, so `npm test` and `vsce package` never write into the source tree
# (and two build trees can test at once).
# cmake -DSOURCE=<vscode-extension> -DWORK=<build>/vscode-extension -DDEPS=<node-tools>/vscode-extension -P prepare_extension.cmake
if(NOT EXISTS "${DEPS}/node_modules/vscode-languageclient/package.json" OR NOT EXISTS "${DEPS}/.installed-package-lock.json")
  message(FATAL_ERROR "the VS Code extension's npm packages are missing under ${DEPS}: run scripts/setup.sh")
endif()
file(READ "${SOURCE}/package-lock.json" wanted_lock)
file(READ "${DEPS}/.installed-package-lock.json" installed_lock)
if(NOT wanted_lock STREQUAL installed_lock)
  message(FATAL_ERROR "vscode-extension/package-lock.json changed since its packages were installed: run scripts/setup.sh")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
foreach(item package.json package-lock.json tsconfig.json .vscodeignore README.md src test)
  file(COPY "${SOURCE}/${item}" DESTINATION "${WORK}")
endforeach()
file(CREATE_LINK "${DEPS}/node_modules" "${WORK}/node_modules" SYMBOLIC)
