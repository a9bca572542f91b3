/* The plain C yardstick for swabplan-bench's engine figure: M/M/c with a binary-heap event
 * list, xoshiro256** uniforms and -log(u) exponentials, the same model and event count as
 * SimKit's MMcQueue. Build and run: cc -O2 -o /tmp/mmc mmc-reference.c -lm && /tmp/mmc 10000000 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { double time; uint64_t seq; int kind; } event;
static event *heap; static long n, cap; static uint64_t seq;

static int before(const event *a, const event *b) { return a->time < b->time || (a->time == b->time && a->seq < b->seq); }
static void push(double t, int kind) {
    if (n == cap) { cap *= 2; heap = realloc(heap, cap * sizeof(event)); }
    event e = { t, seq++, kind }; long c = n++;
    while (c > 0) { long p = (c - 1) / 2; if (!before(&e, &heap[p])) break; heap[c] = heap[p]; c = p; }
    heap[c] = e;
}
static event pop(void) {
    event top = heap[0], last = heap[--n]; long h = 0;
    for (;;) { long c = 2 * h + 1; if (c >= n) break; if (c + 1 < n && before(&heap[c + 1], &heap[c])) c++;
        if (!before(&heap[c], &last)) break; heap[h] = heap[c]; h = c; }
    heap[h] = last; return top;
}
static uint64_t s[4];
static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next(void) { uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45); return r; }
static double uopen(void) { return ((double)(next() >> 12) + 0.5) * 0x1.0p-52; }

int main(int argc, char **argv) {
    long customers = argc > 1 ? atol(argv[1]) : 10000000; int c = 10; double lambda = 100, mu = 12;
    s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4;
    cap = 64; heap = malloc(cap * sizeof(event));
    double *queue = malloc(sizeof(double) * 1024 * 1024); long qcap = 1024 * 1024, head = 0, tail = 0;
    long arrived = 0, busy = 0, events = 0; double wsum = 0;
    struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
    push(-log(uopen()) / lambda, 0);
    while (n > 0) {
        event e = pop(); events++;
        if (e.kind == 0) {
            if (++arrived < customers) push(e.time - log(uopen()) / lambda, 0);
            if (busy < c) { busy++; push(e.time - log(uopen()) / mu, 1); }
            else { if (tail - head == qcap) { fprintf(stderr, "queue full\n"); return 1; } queue[tail++ % qcap] = e.time; }
        } else if (tail > head) { wsum += e.time - queue[head++ % qcap]; push(e.time - log(uopen()) / mu, 1); }
        else busy--;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%.2f million events/s (%ld events, mean wait %.5f h)\n", events / secs / 1e6, events, wsum / customers);
    return 0;
}
