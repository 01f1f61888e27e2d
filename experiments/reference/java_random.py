"""java.util.Random in Python, so that the reference runs train on the very rows mtl4j trains on.

java.util.Random is the 48-bit linear congruential generator its Javadoc specifies (multiplier
0x5DEECE66D, increment 0xB); nextDouble() joins 26 and 27 bits, nextGaussian() is the polar
method and returns the second value of each pair on the next call. The data sets of mtl4j's
datasets module (GradNormToy, TaskCorrelationData) draw from it, and this module redraws them.

Example:
    >>> JavaRandom(0).next_double()   # new java.util.Random(0).nextDouble()
    0.730967787376657
"""

import math

_MULTIPLIER = 0x5DEECE66D
_INCREMENT = 0xB
_MASK = (1 << 48) - 1
_DOUBLE_UNIT = 1.0 / (1 << 53)


class JavaRandom:
    """The sequence of new java.util.Random(seed)."""

    def __init__(self, seed):
        self._seed = (seed ^ _MULTIPLIER) & _MASK
        self._spare = None

    def next_double(self):
        """nextDouble(): uniform in [0, 1)."""
        first = (self._seed * _MULTIPLIER + _INCREMENT) & _MASK
        second = (first * _MULTIPLIER + _INCREMENT) & _MASK
        self._seed = second
        return (((first >> 22) << 27) + (second >> 21)) * _DOUBLE_UNIT

    def doubles(self, count):
        """count values of nextDouble(), faster than calling it count times."""
        seed, values = self._seed, [0.0] * count
        for i in range(count):
            first = (seed * _MULTIPLIER + _INCREMENT) & _MASK
            seed = (first * _MULTIPLIER + _INCREMENT) & _MASK
            values[i] = (((first >> 22) << 27) + (seed >> 21)) * _DOUBLE_UNIT
        self._seed = seed
        return values

    def next_gaussian(self):
        """nextGaussian(): standard normal, by the polar method."""
        if self._spare is not None:
            spare, self._spare = self._spare, None
            return spare
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        multiplier = math.sqrt(-2 * math.log(s) / s)
        self._spare = v2 * multiplier
        return v1 * multiplier

    def gaussians(self, count):
        """count values of nextGaussian()."""
        return [self.next_gaussian() for _ in range(count)]
