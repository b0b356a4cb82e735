// SPDX-License-Identifier: GPL-2.0-only
/*
 * printf.c: vsnprintf, snprintf, vprintf, printf, puts, putchar.
 * Conversion semantics follow C11 7.21.6.1 (fprintf) for the subset
 * listed in stdio.h.  One formatter writes into a sink: vsnprintf's sink
 * is the caller's buffer, printf's is a small stack buffer flushed to
 * console_write() whenever it fills, so output length is unbounded and
 * nothing is allocated.
 */
#include <console.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* %zd and %tu read the other type of the pair: same size on our targets */
_Static_assert(sizeof(ptrdiff_t) == sizeof(size_t), "ptrdiff_t vs size_t");

#define PRINTF_CHUNK 128

struct sink {
	char *buf;
	size_t cap; /* bytes buf can hold */
	size_t len; /* bytes now in buf */
	size_t total; /* bytes produced, stored or not */
	void (*flush)(const char *s, size_t len); /* NULL: drop excess */
};

enum {
	F_LEFT = 1 << 0, /* - */
	F_ZERO = 1 << 1, /* 0 */
	F_PLUS = 1 << 2, /* + */
	F_SPACE = 1 << 3, /* space */
	F_ALT = 1 << 4, /* # */
};

enum length { LEN_INT, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T };

struct spec {
	unsigned int flags;
	unsigned int width;
	int prec; /* -1: not given */
	enum length length;
	char conv;
};

/* Runs of bytes go in with memcpy, not a call per character. */
static void emit_str_slow(struct sink *o, const char *s, size_t n)
{
	while (n) {
		size_t room = o->cap - o->len, k;

		if (!room) {
			if (!o->flush)
				break;
			o->flush(o->buf, o->len);
			o->len = 0;
			room = o->cap;
		}
		k = n < room ? n : room;
		memcpy(o->buf + o->len, s, k);
		o->len += k;
		o->total += k;
		s += k;
		n -= k;
	}
	o->total += n;
}

/* Inline while the run fits, as it nearly always does. */
static inline void emit_str(struct sink *o, const char *s, size_t n)
{
	if (n > o->cap - o->len)
		return emit_str_slow(o, s, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->total += n;
}

static inline void emit(struct sink *o, char c)
{
	if (o->len == o->cap)
		return emit_str_slow(o, &c, 1);
	o->buf[o->len++] = c;
	o->total++;
}

static void emit_repeat(struct sink *o, char c, size_t n)
{
	while (n--)
		emit(o, c);
}

/* Saturating decimal field (width or precision) at *fmt. */
static int parse_num(const char **fmt)
{
	int n = 0;

	for (; **fmt >= '0' && **fmt <= '9'; (*fmt)++) {
		if (n > (__INT_MAX__ - 9) / 10)
			n = __INT_MAX__;
		else
			n = n * 10 + (**fmt - '0');
	}
	return n;
}

static intmax_t arg_signed(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t arg_unsigned(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, size_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Pad a field of n bytes to the width: spaces, left or right of it. */
static void emit_field(struct sink *o, const struct spec *sp, const char *s,
		       size_t n)
{
	size_t pad = sp->width > n ? sp->width - n : 0;

	if (!(sp->flags & F_LEFT))
		emit_repeat(o, ' ', pad);
	emit_str(o, s, n);
	if (sp->flags & F_LEFT)
		emit_repeat(o, ' ', pad);
}

/*
 * [spaces] [sign or 0x prefix] [zeros] digits [spaces], laid out as
 * 7.21.6.1 describes: precision is the minimum digit count, the 0 flag
 * turns the width padding into zeros unless - or a precision is given.
 */
static void emit_int(struct sink *o, const struct spec *sp, uintmax_t v,
		     bool neg)
{
	const char *xdigits =
		sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned int base = 10;
	/* prefix, zeros and 22 octal digits for 64 bits, from the end */
	char field[2 + 64 + sizeof(v) * 3], *end = field + sizeof(field);
	char *first = end, prefix[2]; /* sign, or 0x: never both */
	size_t n, plen = 0, prec, zeros, pad, body;

	if (sp->conv == 'o')
		base = 8;
	else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
		base = 16;

	if (neg)
		prefix[plen++] = '-';
	else if (sp->flags & F_PLUS)
		prefix[plen++] = '+';
	else if (sp->flags & F_SPACE)
		prefix[plen++] = ' ';
	if (sp->conv == 'p' || ((sp->flags & F_ALT) && base == 16 && v)) {
		prefix[plen++] = '0';
		prefix[plen++] = sp->conv == 'X' ? 'X' : 'x';
	}

	for (; v; v /= base)
		*--first = xdigits[v % base];
	n = end - first;

	prec = sp->prec < 0 ? 1 : (size_t)sp->prec;
	if ((sp->flags & F_ALT) && base == 8 && prec <= n)
		prec = n + 1; /* # on %o: force a leading zero */
	zeros = prec > n ? prec - n : 0;
	body = plen + zeros + n;
	pad = sp->width > body ? sp->width - body : 0;
	if ((sp->flags & (F_LEFT | F_ZERO)) == F_ZERO && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(sp->flags & F_LEFT))
		emit_repeat(o, ' ', pad);
	/* One run for prefix, zeros and digits unless the zeros are many. */
	if (zeros <= 64) {
		while (zeros--)
			*--first = '0';
		while (plen)
			*--first = prefix[--plen];
		emit_str(o, first, end - first);
	} else {
		emit_str(o, prefix, plen);
		emit_repeat(o, '0', zeros);
		emit_str(o, first, n);
	}
	if (sp->flags & F_LEFT)
		emit_repeat(o, ' ', pad);
}

/* Parse one conversion specification after its '%'; NULL if cut short. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	int w;

	/* Most conversions are a bare letter: %s, %d, %u, %x. */
	if (*fmt == 's' || *fmt == 'd' || *fmt == 'u' || *fmt == 'x') {
		*sp = (struct spec){.prec = -1, .conv = *fmt};
		return fmt + 1;
	}
	sp->flags = 0;
	for (;; fmt++) {
		if (*fmt == '-')
			sp->flags |= F_LEFT;
		else if (*fmt == '0')
			sp->flags |= F_ZERO;
		else if (*fmt == '+')
			sp->flags |= F_PLUS;
		else if (*fmt == ' ')
			sp->flags |= F_SPACE;
		else if (*fmt == '#')
			sp->flags |= F_ALT;
		else
			break;
	}

	if (*fmt == '*') {
		fmt++;
		w = va_arg(*ap, int);
		if (w < 0)
			sp->flags |= F_LEFT; /* 7.21.6.1p5 */
		sp->width = w < 0 ? 0u - (unsigned int)w : (unsigned int)w;
	} else {
		sp->width = parse_num(&fmt);
	}

	sp->prec = -1;
	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			fmt++;
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1; /* as if omitted */
		} else {
			sp->prec = parse_num(&fmt);
		}
	}

	sp->length = LEN_INT;
	switch (*fmt) {
	case 'h':
		sp->length = fmt[1] == 'h' ? LEN_HH : LEN_H;
		break;
	case 'l':
		sp->length = fmt[1] == 'l' ? LEN_LL : LEN_L;
		break;
	case 'z':
		sp->length = LEN_Z;
		break;
	case 'j':
		sp->length = LEN_J;
		break;
	case 't':
		sp->length = LEN_T;
		break;
	}
	if (sp->length == LEN_HH || sp->length == LEN_LL)
		fmt += 2;
	else if (sp->length != LEN_INT)
		fmt++;

	sp->conv = *fmt;
	return *fmt ? fmt + 1 : NULL;
}

static void format(struct sink *o, const char *fmt, va_list ap_in)
{
	struct spec sp;
	const char *start, *s, *end = fmt + strlen(fmt);
	uintmax_t uv;
	intmax_t sv;
	va_list ap;
	char c;

	va_copy(ap, ap_in);
	while (*fmt) {
		if (*fmt != '%') {
			/* A literal run, found by a string instruction. */
			const char *pct = memchr(fmt, '%', end - fmt);
			size_t run = (pct ? pct : end) - fmt;

			emit_str(o, fmt, run);
			fmt += run;
			continue;
		}
		start = fmt;
		fmt = parse_spec(fmt + 1, &sp, &ap);
		if (!fmt) {
			emit_str(o, start, strlen(start));
			break;
		}

		switch (sp.conv) {
		case 'd':
		case 'i':
			sv = arg_signed(&ap, sp.length);
			uv = sv < 0 ? -(uintmax_t)sv : (uintmax_t)sv;
			emit_int(o, &sp, uv, sv < 0);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			sp.flags &= ~(F_PLUS | F_SPACE);
			emit_int(o, &sp, arg_unsigned(&ap, sp.length), false);
			break;
		case 'p':
			sp.flags &= ~(F_PLUS | F_SPACE);
			emit_int(o, &sp, (uintptr_t)va_arg(ap, void *), false);
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			emit_field(o, &sp, &c, 1);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			emit_field(o, &sp, s,
				   sp.prec < 0 ? strlen(s)
					       : strnlen(s, sp.prec));
			break;
		case '%':
			emit(o, '%');
			break;
		default:
			emit_str(o, start, fmt - start);
			break;
		}
	}
	va_end(ap);
}

/* The C return value: the count, or negative when int cannot hold it. */
static int result(const struct sink *o)
{
	return o->total > __INT_MAX__ ? -1 : (int)o->total;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap)
{
	struct sink o = {.buf = buf, .cap = size ? size - 1 : 0};

	format(&o, fmt, ap);
	if (size)
		buf[o.len] = '\0';
	return result(&o);
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	char chunk[PRINTF_CHUNK];
	struct sink o = {
		.buf = chunk,
		.cap = sizeof(chunk),
		.flush = console_write,
	};

	format(&o, fmt, ap);
	if (o.len)
		console_write(chunk, o.len);
	return result(&o);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	console_write(s, strlen(s));
	console_write("\n", 1);
	return 0;
}

int putchar(int c)
{
	char ch = (char)c;

	console_write(&ch, 1);
	return (unsigned char)c;
}
