/** A list cut into batches of at most `size` (a vendor's batch endpoint limit), in order. */
export function chunk<T>(list: T[], size: number): T[][] {
	return Array.from({ length: Math.ceil(list.length / size) }, (_value, index) => list.slice(index * size, index * size + size));
}
