#include "queue/nats.h"

#include <nats/nats.h>

#include <cstdlib>
#include <utility>

namespace sitrep::queue {

struct ConnectionState {
  std::string url;
  natsConnection* connection = nullptr;
  jsCtx* js = nullptr;
  ~ConnectionState() {
    if (js) jsCtx_Destroy(js);
    if (connection) {
      natsConnection_Close(connection);
      natsConnection_Destroy(connection);
    }
  }
};

namespace {

// "URL: what: libnats' text (JetStream error N)"; the client's last error text says more than
// the status' name when it has one (the server's own words, e.g. "stream not found").
std::unexpected<Error> nats_error(const std::string& url, const std::string& what, natsStatus s,
                                  jsErrCode js_error = static_cast<jsErrCode>(0)) {
  std::string message = url + ": " + what + ": " + natsStatus_GetText(s);
  natsStatus last = NATS_OK;
  if (const char* detail = nats_GetLastError(&last); detail && *detail && last == s) {
    std::string text = detail;
    // libnats prefixes its source location: "(conn.c:2088): ...".
    if (text.starts_with("(")) {
      if (std::size_t end = text.find("): "); end != std::string::npos) text.erase(0, end + 3);
    }
    if (text != natsStatus_GetText(s)) message += " (" + text + ")";
  }
  if (js_error != 0) message += " [JetStream error " + std::to_string(js_error) + "]";
  return fail(Error::Kind::kIo, std::move(message));
}

std::int64_t to_nanos(std::chrono::seconds seconds) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(seconds).count();
}

template <typename T, void (*Destroy)(T*)>
struct Owned {
  T* ptr = nullptr;
  ~Owned() {
    if (ptr) Destroy(ptr);
  }
};

}  // namespace

ClientLibrary::~ClientLibrary() {
  // Waits (bounded) for libnats' own threads to end, so nothing of it is left running.
  nats_CloseAndWait(2000);
}

void Message::Deleter::operator()(void* msg) const {
  natsMsg_Destroy(static_cast<natsMsg*>(msg));
}

void PullSubscription::Deleter::operator()(void* sub) const {
  natsSubscription_Destroy(static_cast<natsSubscription*>(sub));
}

std::string_view Message::data() const {
  auto* msg = static_cast<natsMsg*>(msg_.get());
  return {natsMsg_GetData(msg), static_cast<std::size_t>(natsMsg_GetDataLength(msg))};
}

std::string Message::header(const std::string& name) const {
  const char* value = nullptr;
  if (natsMsgHeader_Get(static_cast<natsMsg*>(msg_.get()), name.c_str(), &value) != NATS_OK ||
      value == nullptr)
    return "";
  return value;
}

Result<void> Message::ack() {
  // AckSync: the server confirms, so "acked after the commit" holds once this returns.
  jsErrCode js_error = static_cast<jsErrCode>(0);
  if (natsStatus s = natsMsg_AckSync(static_cast<natsMsg*>(msg_.get()), nullptr, &js_error);
      s != NATS_OK)
    return nats_error(connection_->url, "ack", s, js_error);
  return {};
}

Result<void> Message::nak(std::chrono::milliseconds delay) {
  auto* msg = static_cast<natsMsg*>(msg_.get());
  natsStatus s = delay.count() > 0 ? natsMsg_NakWithDelay(msg, delay.count(), nullptr)
                                   : natsMsg_Nak(msg, nullptr);
  if (s != NATS_OK) return nats_error(connection_->url, "nak", s);
  return {};
}

Result<void> Message::term() {
  if (natsStatus s = natsMsg_Term(static_cast<natsMsg*>(msg_.get()), nullptr); s != NATS_OK)
    return nats_error(connection_->url, "term", s);
  return {};
}

Result<void> Message::in_progress() {
  if (natsStatus s = natsMsg_InProgress(static_cast<natsMsg*>(msg_.get()), nullptr); s != NATS_OK)
    return nats_error(connection_->url, "in-progress", s);
  return {};
}

Result<std::vector<Message>> PullSubscription::fetch(int batch, std::chrono::milliseconds wait) {
  natsMsgList list{};
  jsErrCode js_error = static_cast<jsErrCode>(0);
  natsStatus s = natsSubscription_Fetch(&list, static_cast<natsSubscription*>(sub_.get()), batch,
                                        wait.count(), &js_error);
  std::vector<Message> messages;
  if (s == NATS_TIMEOUT) return messages;
  if (s != NATS_OK) return nats_error(connection_->url, "fetch", s, js_error);
  for (int i = 0; i < list.Count; ++i) {
    Message message;
    message.connection_ = connection_;
    message.msg_.reset(list.Msgs[i]);
    list.Msgs[i] = nullptr;  // owned by `message` now
    jsMsgMetaData* meta = nullptr;
    if (natsMsg_GetMetaData(&meta, static_cast<natsMsg*>(message.msg_.get())) == NATS_OK) {
      message.deliveries_ = meta->NumDelivered;
      message.stream_sequence_ = meta->Sequence.Stream;
      jsMsgMetaData_Destroy(meta);
    }
    messages.push_back(std::move(message));
  }
  natsMsgList_Destroy(&list);
  return messages;
}

Result<Connection> Connection::connect(const std::string& url, std::chrono::milliseconds timeout) {
  auto state = std::make_shared<ConnectionState>();
  state->url = url;
  Owned<natsOptions, natsOptions_Destroy> options;
  natsStatus s = natsOptions_Create(&options.ptr);
  if (s == NATS_OK) s = natsOptions_SetURL(options.ptr, url.c_str());
  if (s == NATS_OK) s = natsOptions_SetTimeout(options.ptr, timeout.count());
  if (s == NATS_OK) s = natsOptions_SetName(options.ptr, "sitrep");
  // A server restart is ridden out for a minute before calls start failing.
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(options.ptr, 60);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(options.ptr, 1000);
  if (s != NATS_OK) return nats_error(url, "bad connection options", s);
  s = natsConnection_Connect(&state->connection, options.ptr);
  if (s != NATS_OK) return nats_error(url, "cannot connect", s);
  jsOptions js_options;
  jsOptions_Init(&js_options);
  js_options.Wait = 10000;  // JetStream API calls and publish acks, in ms
  s = natsConnection_JetStream(&state->js, state->connection, &js_options);
  if (s != NATS_OK) return nats_error(url, "no JetStream context", s);
  Connection connection;
  connection.state_ = std::move(state);
  return connection;
}

const std::string& Connection::url() const {
  return state_->url;
}

std::size_t Connection::max_payload() const {
  return static_cast<std::size_t>(natsConnection_GetMaxPayload(state_->connection));
}

Result<void> Connection::ensure_stream(const StreamSpec& spec) {
  auto existing = stream_state(spec.name);
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return {};
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  const char* subjects[] = {spec.subject.c_str()};
  config.Name = spec.name.c_str();
  config.Subjects = subjects;
  config.SubjectsLen = 1;
  config.Retention = spec.retention == Retention::kWorkQueue ? js_WorkQueuePolicy : js_LimitsPolicy;
  config.Storage = js_FileStorage;
  config.Duplicates = to_nanos(spec.duplicate_window);
  jsErrCode js_error = static_cast<jsErrCode>(0);
  Owned<jsStreamInfo, jsStreamInfo_Destroy> info;
  natsStatus s = js_AddStream(&info.ptr, state_->js, &config, nullptr, &js_error);
  // Another process may have created it meanwhile.
  if (s != NATS_OK && js_error != JSStreamNameExistErr)
    return nats_error(url(), "cannot create stream " + spec.name, s, js_error);
  return {};
}

Result<void> Connection::ensure_consumer(const ConsumerSpec& spec) {
  auto existing = consumer_state(spec.stream, spec.durable);
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return {};
  jsConsumerConfig config;
  jsConsumerConfig_Init(&config);
  config.Durable = spec.durable.c_str();
  config.AckPolicy = js_AckExplicit;
  config.AckWait = to_nanos(spec.ack_wait);
  config.MaxDeliver = -1;  // the worker counts deliveries itself and dead-letters (worker.h)
  config.MaxAckPending = spec.max_ack_pending;
  config.DeliverPolicy = js_DeliverAll;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  Owned<jsConsumerInfo, jsConsumerInfo_Destroy> info;
  natsStatus s =
      js_AddConsumer(&info.ptr, state_->js, spec.stream.c_str(), &config, nullptr, &js_error);
  if (s != NATS_OK && js_error != JSConsumerNameExistErr &&
      js_error != JSConsumerExistingActiveErr) {
    // Two workers creating it at once: the loser finds it there.
    auto again = consumer_state(spec.stream, spec.durable);
    if (again && *again) return {};
    return nats_error(url(), "cannot create consumer " + spec.durable + " on " + spec.stream, s,
                      js_error);
  }
  return {};
}

Result<PullSubscription> Connection::pull_subscribe(const std::string& stream,
                                                    const std::string& durable) {
  jsSubOptions options;
  jsSubOptions_Init(&options);
  options.Stream = stream.c_str();
  options.Consumer = durable.c_str();
  natsSubscription* sub = nullptr;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  natsStatus s =
      js_PullSubscribe(&sub, state_->js, nullptr, durable.c_str(), nullptr, &options, &js_error);
  if (s != NATS_OK)
    return nats_error(url(), "cannot bind to consumer " + durable + " on " + stream, s, js_error);
  PullSubscription subscription;
  subscription.connection_ = state_;
  subscription.sub_.reset(sub);
  return subscription;
}

Result<bool> Connection::publish(const std::string& subject, std::string_view data,
                                 const Headers& headers) {
  Owned<natsMsg, natsMsg_Destroy> msg;
  natsStatus s = natsMsg_Create(&msg.ptr, subject.c_str(), nullptr, data.data(),
                                static_cast<int>(data.size()));
  for (const auto& [name, value] : headers)
    if (s == NATS_OK) s = natsMsgHeader_Set(msg.ptr, name.c_str(), value.c_str());
  if (s != NATS_OK) return nats_error(url(), "cannot build a message for " + subject, s);
  jsErrCode js_error = static_cast<jsErrCode>(0);
  Owned<jsPubAck, jsPubAck_Destroy> ack;
  s = js_PublishMsg(&ack.ptr, state_->js, msg.ptr, nullptr, &js_error);
  if (s != NATS_OK) return nats_error(url(), "publish to " + subject, s, js_error);
  return ack.ptr != nullptr && ack.ptr->Duplicate;
}

Result<std::optional<StreamState>> Connection::stream_state(const std::string& stream) {
  Owned<jsStreamInfo, jsStreamInfo_Destroy> info;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  natsStatus s = js_GetStreamInfo(&info.ptr, state_->js, stream.c_str(), nullptr, &js_error);
  if (s == NATS_NOT_FOUND || js_error == JSStreamNotFoundErr) return std::nullopt;
  if (s != NATS_OK) return nats_error(url(), "stream " + stream, s, js_error);
  StreamState state;
  state.messages = info.ptr->State.Msgs;
  state.bytes = info.ptr->State.Bytes;
  state.first_sequence = info.ptr->State.FirstSeq;
  state.last_sequence = info.ptr->State.LastSeq;
  state.consumers = info.ptr->State.Consumers;
  if (info.ptr->Config)
    state.duplicate_window = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::nanoseconds(info.ptr->Config->Duplicates));
  return state;
}

Result<std::optional<ConsumerState>> Connection::consumer_state(const std::string& stream,
                                                                const std::string& durable) {
  Owned<jsConsumerInfo, jsConsumerInfo_Destroy> info;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  natsStatus s = js_GetConsumerInfo(&info.ptr, state_->js, stream.c_str(), durable.c_str(), nullptr,
                                    &js_error);
  if (s == NATS_NOT_FOUND || js_error == JSConsumerNotFoundErr || js_error == JSStreamNotFoundErr)
    return std::nullopt;
  if (s != NATS_OK) return nats_error(url(), "consumer " + durable + " on " + stream, s, js_error);
  ConsumerState state;
  state.pending = info.ptr->NumPending;
  state.ack_pending = info.ptr->NumAckPending;
  state.redelivered = info.ptr->NumRedelivered;
  state.waiting_pulls = info.ptr->NumWaiting;
  if (info.ptr->Config)
    state.ack_wait = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::nanoseconds(info.ptr->Config->AckWait));
  return state;
}

Result<std::vector<StoredMessage>> Connection::stream_messages(const std::string& stream) {
  std::vector<StoredMessage> messages;
  auto state = stream_state(stream);
  if (!state) return std::unexpected(state.error());
  if (!*state || (*state)->messages == 0) return messages;
  for (std::uint64_t seq = (*state)->first_sequence; seq <= (*state)->last_sequence; ++seq) {
    Owned<natsMsg, natsMsg_Destroy> msg;
    jsErrCode js_error = static_cast<jsErrCode>(0);
    natsStatus s = js_GetMsg(&msg.ptr, state_->js, stream.c_str(), seq, nullptr, &js_error);
    if (s == NATS_NOT_FOUND || js_error == JSNoMessageFoundErr /* deleted */) continue;
    if (s != NATS_OK)
      return nats_error(url(), "stream " + stream + " message " + std::to_string(seq), s, js_error);
    StoredMessage stored;
    stored.sequence = seq;
    stored.data.assign(natsMsg_GetData(msg.ptr),
                       static_cast<std::size_t>(natsMsg_GetDataLength(msg.ptr)));
    const char** keys = nullptr;
    int count = 0;
    if (natsMsgHeader_Keys(msg.ptr, &keys, &count) == NATS_OK) {
      for (int i = 0; i < count; ++i) {
        const char* value = nullptr;
        if (natsMsgHeader_Get(msg.ptr, keys[i], &value) == NATS_OK && value)
          stored.headers[keys[i]] = value;
      }
      std::free(static_cast<void*>(keys));
    }
    messages.push_back(std::move(stored));
  }
  return messages;
}

}  // namespace sitrep::queue
