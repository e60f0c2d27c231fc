# sys.hash_info and sys.int_info: the numeric-hash parameters agree with hash(); the
# digit-limit defaults; representation details (digit size, str hash algorithm) are
# implementation-specific, so only their types and ranges are printed.
import sys
hi = sys.hash_info
print(hi.width, hi.modulus == 2**61 - 1, hi.inf, hi.nan, hi.imag, hi.hash_bits, type(hi.algorithm).__name__)
print(hash(float("inf")) == hi.inf, hash(1j) == hi.imag, hash(hi.modulus) == 0, hash(-1) == -2)
print(hash(2**100) == (2**100) % hi.modulus, hash(complex(1, 2)) == 1 + 2 * hi.imag)
ii = sys.int_info
print(ii.default_max_str_digits, ii.str_digits_check_threshold, ii.bits_per_digit % 2 == 0, ii.sizeof_digit in (2, 4, 8))
print(type(sys.int_info).__name__, type(sys.hash_info).__name__, len(sys.int_info), len(sys.hash_info))
