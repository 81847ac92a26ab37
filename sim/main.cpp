// smartbill-sim: the SmartBill scraping Open API on loopback, for tests, benchmarks and demos.
// Prints the account as one JSON line on stdout once it accepts connections.

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "server.hpp"

namespace {

const char *kUsage = "usage: smartbill-sim [--port N] [--bind 127.0.0.1] [--seed N]\n"
                     "                     [--clock real|fixed:YYYY-MM-DDTHH:MM:SS] [--profile "
                     "default|dotnet|strings]\n"
                     "                     [--companies N] [--invoices-per-day N] [--row-cap N] "
                     "[--rate-limit N/s]\n";

[[noreturn]] void usage_error(const std::string &message) {
    std::cerr << "smartbill-sim: " << message << "\n" << kUsage;
    std::exit(2);
}

long long parse_number(std::string_view option, std::string_view text, long long low,
                       long long high) {
    std::string copy(text);
    char *end = nullptr;
    long long value = std::strtoll(copy.c_str(), &end, 10);
    if (copy.empty() || *end != '\0' || value < low || value > high)
        usage_error("invalid value for " + std::string(option) + ": " + copy);
    return value;
}

sim::ServerOptions parse_options(int argc, char **argv) {
    sim::ServerOptions options;
    options.port = 18100;
    for (int i = 1; i < argc; ++i) {
        std::string_view option = argv[i];
        if (option == "--help" || option == "-h") {
            std::cout << kUsage;
            std::exit(0);
        }
        if (i + 1 >= argc)
            usage_error("missing value for " + std::string(option));
        std::string_view value = argv[++i];
        if (option == "--port") {
            options.port = static_cast<int>(parse_number(option, value, 0, 65535));
        } else if (option == "--bind") {
            options.bind = std::string(value);
        } else if (option == "--seed") {
            options.generator.seed =
                static_cast<uint64_t>(parse_number(option, value, 0, LLONG_MAX));
        } else if (option == "--clock") {
            auto clock = sim::SimClock::parse(value);
            if (!clock)
                usage_error("invalid --clock: use real or fixed:YYYY-MM-DDTHH:MM:SS");
            options.clock = *clock;
        } else if (option == "--profile") {
            auto profile = sim::parse_profile(value);
            if (!profile)
                usage_error("invalid --profile: use default, dotnet or strings");
            options.profile = *profile;
        } else if (option == "--companies") {
            options.generator.companies = static_cast<int>(parse_number(option, value, 1, 1000));
        } else if (option == "--invoices-per-day") {
            options.generator.invoices_per_day =
                static_cast<int>(parse_number(option, value, 0, 100000));
        } else if (option == "--row-cap") {
            options.row_cap = static_cast<size_t>(parse_number(option, value, 1, 100000000));
        } else if (option == "--rate-limit") {
            // "5/s" or "5"; 0 turns the limiter off.
            if (value.size() > 2 && value.substr(value.size() - 2) == "/s")
                value.remove_suffix(2);
            options.rate_limit = static_cast<int>(parse_number(option, value, 0, 1000000));
        } else {
            usage_error("unknown option " + std::string(option));
        }
    }
    return options;
}

} // namespace

int main(int argc, char **argv) {
    sim::ServerOptions options = parse_options(argc, argv);
    try {
        sim::SimServer server(options);
        server.bind();
        std::cout << server.account_json() << std::endl; // endl flushes: scripts wait for it
        server.listen();
    } catch (const std::exception &e) {
        std::cerr << "smartbill-sim: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
