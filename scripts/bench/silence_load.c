/* POST /api/v2/silences load generator for scripts/bench/silences.py.
 *
 *   silence_load HOST PORT CLIENTS TOTAL FIRST
 *
 * CLIENTS threads, each with one keep-alive connection, send TOTAL creates between them,
 * one request at a time per connection (each client waits for its answer before the next,
 * as a person or a script does). Silence i (FIRST <= i < FIRST+TOTAL) matches job="bench-i",
 * so every create is a new silence. Prints one line:
 *   ok=N failed=N seconds=S rate=R p50_ms=X p99_ms=Y max_ms=Z
 * Native so that the client is not the limit (a Python client tops out near 3k requests/s
 * on one core). Built by silences.py with the system C compiler. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *host;
static int port, clients;
static long total, first;
static long next_index; /* claimed with __sync_fetch_and_add */
static long ok_count, failed_count;
static double *latencies; /* one per request, in ms */

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int connect_server(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, host, &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { close(fd); return -1; }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/* Reads one response; returns its status code, or -1 when the connection broke. */
static int read_response(int fd, char *buf, size_t cap) {
    size_t have = 0;
    for (;;) {
        ssize_t n = read(fd, buf + have, cap - 1 - have);
        if (n <= 0) return -1;
        have += n;
        buf[have] = 0;
        char *end = strstr(buf, "\r\n\r\n");
        if (!end) continue;
        long length = 0;
        char *cl = strcasestr(buf, "content-length:");
        if (cl && cl < end) length = strtol(cl + 15, NULL, 10);
        size_t need = (end + 4 - buf) + length;
        while (have < need) {
            n = read(fd, buf + have, cap - 1 - have);
            if (n <= 0) return -1;
            have += n;
        }
        return atoi(buf + 9);
    }
}

static void *client(void *unused) {
    (void)unused;
    char body[512], req[1024], resp[8192];
    int fd = connect_server();
    for (;;) {
        long i = __sync_fetch_and_add(&next_index, 1);
        if (i >= total) break;
        int blen = snprintf(body, sizeof body,
            "{\"matchers\":[{\"name\":\"job\",\"value\":\"bench-%ld\",\"isRegex\":false}],"
            "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\","
            "\"createdBy\":\"bench\",\"comment\":\"silence load\"}", first + i);
        int rlen = snprintf(req, sizeof req,
            "POST /api/v2/silences HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
            "Content-Length: %d\r\n\r\n%s", host, port, blen, body);
        double t0 = now_s();
        int status = -1;
        for (int attempt = 0; attempt < 2 && status < 0; attempt++) {
            if (fd < 0) fd = connect_server();
            if (fd >= 0 && write(fd, req, rlen) == rlen) status = read_response(fd, resp, sizeof resp);
            if (status < 0 && fd >= 0) { close(fd); fd = -1; }
        }
        latencies[i] = (now_s() - t0) * 1000;
        if (status == 200) __sync_fetch_and_add(&ok_count, 1);
        else __sync_fetch_and_add(&failed_count, 1);
    }
    if (fd >= 0) close(fd);
    return NULL;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s HOST PORT CLIENTS TOTAL FIRST\n", argv[0]);
        return 2;
    }
    host = argv[1];
    port = atoi(argv[2]);
    clients = atoi(argv[3]);
    total = atol(argv[4]);
    first = atol(argv[5]);
    latencies = calloc(total, sizeof *latencies);
    pthread_t *threads = calloc(clients, sizeof *threads);
    double t0 = now_s();
    for (int c = 0; c < clients; c++) pthread_create(&threads[c], NULL, client, NULL);
    for (int c = 0; c < clients; c++) pthread_join(threads[c], NULL);
    double seconds = now_s() - t0;
    qsort(latencies, total, sizeof *latencies, cmp);
    printf("ok=%ld failed=%ld seconds=%.4f rate=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
           ok_count, failed_count, seconds, ok_count / seconds, latencies[total / 2],
           latencies[(long)(total * 0.99)], latencies[total - 1]);
    return 0;
}
