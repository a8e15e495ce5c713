#define FOREVER for (;;)
#define DETACH(t) (t).detach()
#define SPAWN(body) std::thread(body).detach()
