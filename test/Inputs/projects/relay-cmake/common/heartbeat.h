#pragma once

void startHeartbeat();
