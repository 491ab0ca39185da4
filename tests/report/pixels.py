# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading rendered pages back as pixels, for the report tests."""


def read_ppm(data):
    """Width, height and the RGB bytes of a binary PPM (P6) image."""
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b'P6' and fields[3] == b'255', fields
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:pos + 1 + width * height * 3]


def ink_in_margins(width, height, pixels, margin):
    """Pixels that are not the page's white within @margin of an edge
    (the first 21 found)."""
    def is_paper(offset):
        return min(pixels[offset], pixels[offset + 1], pixels[offset + 2]) >= 245

    bad = []
    for y in range(height):
        inside_y = margin <= y < height - margin
        row = y * width * 3
        xs = range(width) if not inside_y else list(range(margin)) + list(range(width - margin, width))
        for x in xs:
            if not is_paper(row + x * 3):
                bad.append((x, y))
                if len(bad) > 20:
                    return bad
    return bad
