// SPDX-License-Identifier: GPL-2.0-only
/*
 * devicetree.c: device-tree queries on libfdt (Devicetree Specification
 * v0.4 sections 2.3.5-2.3.6 for reg decoding, 3.4 /memory, 3.6 /chosen
 * stdout-path and bootargs, 3.7-3.8 /cpus). Only nodes whose "status" is
 * absent, "okay" or "ok" count (2.3.4).
 */
#include <libtest.h>
#include <fdt/devicetree.h>

static const void *blob;

int dt_init(const void *fdt)
{
	int err = fdt_check_header(fdt);

	if (!err)
		blob = fdt;
	return err;
}

const void *dt_fdt(void)
{
	return blob;
}

u32 dt_blob_size(const void *fdt)
{
	return fdt_totalsize(fdt);
}

static bool node_enabled(int node)
{
	const char *s = fdt_getprop(blob, node, "status", NULL);

	return !s || !strcmp(s, "okay") || !strcmp(s, "ok");
}

static u64 read_cells(const fdt32_t *p, int cells)
{
	u64 v = 0;

	while (cells--)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

static int reg_cells(int node, int *ac, int *sc)
{
	int parent = fdt_parent_offset(blob, node);

	if (parent < 0)
		return -1;
	*ac = fdt_address_cells(blob, parent);
	*sc = fdt_size_cells(blob, parent);
	return (*ac < 1 || *ac > 2 || *sc < 0 || *sc > 2) ? -1 : 0;
}

int dt_reg_count(int node)
{
	int ac, sc, len;
	const void *p = fdt_getprop(blob, node, "reg", &len);

	if (!p || reg_cells(node, &ac, &sc))
		return 0;
	return len / (int)((ac + sc) * sizeof(fdt32_t));
}

int dt_reg(int node, int index, struct dt_region *reg)
{
	int ac, sc, len;
	const fdt32_t *p = fdt_getprop(blob, node, "reg", &len);

	if (!p || reg_cells(node, &ac, &sc) || index < 0 ||
	    (index + 1) * (ac + sc) * (int)sizeof(fdt32_t) > len)
		return -1;
	p += index * (ac + sc);
	reg->addr = read_cells(p, ac);
	reg->size = read_cells(p + ac, sc);
	return 0;
}

int dt_memory(struct dt_region *regs, int max)
{
	int n = 0, node;

	fdt_for_each_subnode(node, blob, 0)
	{
		const char *type = fdt_getprop(blob, node, "device_type", NULL);

		if (!type || strcmp(type, "memory") || !node_enabled(node))
			continue;
		for (int i = 0; n < max && !dt_reg(node, i, &regs[n]); i++)
			if (regs[n].size)
				n++;
	}
	return n;
}

int dt_cpus(u64 *ids, int max)
{
	int cpus = fdt_path_offset(blob, "/cpus");
	int n = 0, node;
	struct dt_region r;

	if (cpus < 0)
		return 0;
	fdt_for_each_subnode(node, blob, cpus)
	{
		const char *type = fdt_getprop(blob, node, "device_type", NULL);

		if (!type || strcmp(type, "cpu") || !node_enabled(node))
			continue;
		if (n < max && !dt_reg(node, 0, &r))
			ids[n++] = r.addr;
	}
	return n;
}

const char *dt_bootargs(void)
{
	int chosen = fdt_path_offset(blob, "/chosen");
	const char *s =
		chosen < 0 ? NULL : fdt_getprop(blob, chosen, "bootargs", NULL);

	return s ? s : "";
}

int dt_stdout_node(void)
{
	int chosen = fdt_path_offset(blob, "/chosen");
	const char *path;
	int len, node;

	if (chosen < 0)
		return -1;
	path = fdt_getprop(blob, chosen, "stdout-path", &len);
	if (!path)
		return -1;
	/* "path:options": the options (baud rate) are not ours to use. */
	len = strcspn(path, ":");
	if (path[0] == '/') {
		node = fdt_path_offset_namelen(blob, path, len);
	} else {
		path = fdt_get_alias_namelen(blob, path, len);
		node = path ? fdt_path_offset(blob, path) : -1;
	}
	return node < 0 ? -1 : node;
}

int dt_find_compatible(const char *compat)
{
	int node = fdt_node_offset_by_compatible(blob, -1, compat);

	while (node >= 0 && !node_enabled(node))
		node = fdt_node_offset_by_compatible(blob, node, compat);
	return node < 0 ? -1 : node;
}

const char *dt_string(int node, const char *name)
{
	return fdt_getprop(blob, node, name, NULL);
}

int dt_u32(int node, const char *name, int index, u32 *val)
{
	int len;
	const fdt32_t *p = fdt_getprop(blob, node, name, &len);

	if (!p || index < 0 || (index + 1) * (int)sizeof(*p) > len)
		return -1;
	*val = fdt32_to_cpu(p[index]);
	return 0;
}

struct dt_region dt_page_alloc_init(u64 image, u64 image_end, u64 fdt,
				    u64 fdt_size)
{
	struct dt_region mem[8], ram = {0, 0};
	u64 lo = ALIGN_UP(image_end, PAGE_SIZE), hi;
	u64 fdt_lo = ALIGN_DOWN(fdt, PAGE_SIZE);
	u64 fdt_hi = ALIGN_UP(fdt + fdt_size, PAGE_SIZE);
	int n = dt_memory(mem, ARRAY_SIZE(mem));

	if (n <= 0)
		test_crash("device tree has no /memory node");
	for (int i = 0; i < n; i++)
		if (image >= mem[i].addr && image < mem[i].addr + mem[i].size)
			ram = mem[i];
	if (!ram.size)
		test_crash("the image at %#lx is not in a /memory region",
			   (unsigned long)image);
	hi = ram.addr + ram.size;
	if (fdt_hi > lo && fdt_lo < hi) {
		/* The device tree splits [lo, hi): keep the larger side. */
		if (fdt_lo - MIN(fdt_lo, lo) >= hi - MAX(fdt_hi, lo))
			hi = MAX(fdt_lo, lo);
		else
			lo = MAX(fdt_hi, lo);
	}
	page_alloc_init(lo, hi);
	return ram;
}
