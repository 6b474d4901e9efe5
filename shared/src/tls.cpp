#include "antre/tls.hpp"

#include <stdexcept>

namespace antre::tls {

namespace ssl = boost::asio::ssl;

namespace {

std::shared_ptr<Context> modern(ssl::context::method method) {
    auto ctx = std::make_shared<Context>(method);
    // TLS 1.2 and 1.3 only; compression off (CRIME).
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression);
    return ctx;
}

template <class F>
void with_file(const std::string& what, const std::string& file, F&& f) {
    try {
        f();
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error("TLS " + what + " " + file + ": " + e.code().message());
    }
}

}  // namespace

std::shared_ptr<Context> server_context(const std::string& cert_file, const std::string& key_file) {
    auto ctx = modern(ssl::context::tls_server);
    with_file("certificate", cert_file, [&] { ctx->use_certificate_chain_file(cert_file); });
    with_file("key", key_file, [&] { ctx->use_private_key_file(key_file, ssl::context::pem); });
    return ctx;
}

std::shared_ptr<Context> client_context(const std::string& ca_file, bool verify) {
    auto ctx = modern(ssl::context::tls_client);
    if (!verify) {
        ctx->set_verify_mode(ssl::verify_none);
        return ctx;
    }
    ctx->set_verify_mode(ssl::verify_peer);
    if (ca_file.empty())
        ctx->set_default_verify_paths();
    else
        with_file("CA file", ca_file, [&] { ctx->load_verify_file(ca_file); });
    return ctx;
}

Stream::Stream(Socket socket, const std::shared_ptr<Context>& context)
    : stream_(context ? std::variant<Socket, Secure>(std::in_place_type<Secure>, std::move(socket), *context)
                      : std::variant<Socket, Secure>(std::in_place_type<Socket>, std::move(socket))) {}

Stream::Socket& Stream::socket() {
    if (auto* s = std::get_if<Secure>(&stream_)) return s->next_layer();
    return std::get<Socket>(stream_);
}

void Stream::expect_host(const std::string& host) {
    auto* s = std::get_if<Secure>(&stream_);
    if (!s) return;
    boost::system::error_code not_an_address;
    boost::asio::ip::make_address(host, not_an_address);
    if (not_an_address) SSL_set_tlsext_host_name(s->native_handle(), host.c_str());  // SNI names hosts, not addresses
    s->set_verify_callback(ssl::host_name_verification(host));
}

void Stream::close() {
    boost::system::error_code ignored;
    socket().shutdown(Socket::shutdown_both, ignored);
    socket().close(ignored);
}

}  // namespace antre::tls
