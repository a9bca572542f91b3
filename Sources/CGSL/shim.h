#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H

#include <stdint.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#ifdef __linux__
#include <malloc.h>
#endif

// SwabPlan draws every variate from its own keyed xoshiro256** stream (SimKit.RandomStream).
// To run GSL's samplers (gamma, Gaussian ziggurat) on that same stream without a heap
// allocation per draw, this header defines a gsl_rng_type whose state *is* the stream's four
// words, and builds a gsl_rng on the stack around a pointer to them. The C generator below must
// stay bit-identical to RandomStream.next() in Swift.

static inline uint64_t cgsl_rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t cgsl_xoshiro_next(uint64_t *s) {
    const uint64_t result = cgsl_rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = cgsl_rotl(s[3], 45);
    return result;
}

static void cgsl_xoshiro_set(void *state, unsigned long seed) { (void)state; (void)seed; }
static unsigned long cgsl_xoshiro_get(void *state) {
    return (unsigned long)(cgsl_xoshiro_next((uint64_t *)state) >> 32);
}
// Same mapping as RandomStream.nextDouble(): 53 high bits, in [0, 1).
static double cgsl_xoshiro_get_double(void *state) {
    return (double)(cgsl_xoshiro_next((uint64_t *)state) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type cgsl_xoshiro_type = {
    "xoshiro256starstar", 0xffffffffUL, 0, 4 * sizeof(uint64_t),
    &cgsl_xoshiro_set, &cgsl_xoshiro_get, &cgsl_xoshiro_get_double
};

static inline gsl_rng cgsl_rng_on(uint64_t *state) {
    gsl_rng r; r.type = &cgsl_xoshiro_type; r.state = state; return r;
}

static inline double cgsl_gamma(uint64_t *state, double shape, double scale) {
    gsl_rng r = cgsl_rng_on(state); return gsl_ran_gamma(&r, shape, scale);
}
static inline double cgsl_gaussian(uint64_t *state, double sigma) {
    gsl_rng r = cgsl_rng_on(state); return gsl_ran_gaussian_ziggurat(&r, sigma);
}

static inline void cgsl_errors_off(void) { gsl_set_error_handler_off(); }

#endif

/* glibc: keep freed memory in the process (see SimKit's MemoryTuning). Not GSL, but the one C
   shim the package has. */
/* Hands memory freed and kept (above) back to the system: a server between runs. */
static inline void cgsl_give_back_freed_memory(void) {
#ifdef __linux__
    malloc_trim(0);
#endif
}

static inline void cgsl_keep_freed_memory(void) {
#ifdef __linux__
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}
