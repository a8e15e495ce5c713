#pragma once

#include <string>

std::string fetch(const std::string &url);
