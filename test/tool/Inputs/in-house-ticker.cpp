namespace acme {
struct Ticker {
  void start(int Ms);
  void stop();
};
} // namespace acme
void poll() {
  acme::Ticker T;
  T.start(100);
}
