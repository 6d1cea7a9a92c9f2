"""Administrative divisions for the 「证件地址」 cascading selects (省 → 市 → 区/县).

Only 广东省 is offered: every unit in the guide is a Guangdong unit. The 21 prefecture-level
cities are complete; 东莞市 and 中山市 have no county level, so their third select lists some
of their real 街道/镇, as the real portal's selects do.
"""

from __future__ import annotations

GUANGDONG = "广东省"

REGIONS: dict[str, dict[str, list[str]]] = {
    GUANGDONG: {
        "广州市": [
            "荔湾区",
            "越秀区",
            "海珠区",
            "天河区",
            "白云区",
            "黄埔区",
            "番禺区",
            "花都区",
            "南沙区",
            "从化区",
            "增城区",
        ],
        "深圳市": ["罗湖区", "福田区", "南山区", "宝安区", "龙岗区", "盐田区", "龙华区", "坪山区", "光明区"],
        "珠海市": ["香洲区", "斗门区", "金湾区"],
        "汕头市": ["龙湖区", "金平区", "濠江区", "潮阳区", "潮南区", "澄海区", "南澳县"],
        "佛山市": ["禅城区", "南海区", "顺德区", "三水区", "高明区"],
        "韶关市": [
            "武江区",
            "浈江区",
            "曲江区",
            "始兴县",
            "仁化县",
            "翁源县",
            "乳源瑶族自治县",
            "新丰县",
            "乐昌市",
            "南雄市",
        ],
        "河源市": ["源城区", "紫金县", "龙川县", "连平县", "和平县", "东源县"],
        "梅州市": ["梅江区", "梅县区", "大埔县", "丰顺县", "五华县", "平远县", "蕉岭县", "兴宁市"],
        "惠州市": ["惠城区", "惠阳区", "博罗县", "惠东县", "龙门县"],
        "汕尾市": ["城区", "海丰县", "陆河县", "陆丰市"],
        "东莞市": ["莞城街道", "南城街道", "东城街道", "万江街道", "石龙镇", "虎门镇", "长安镇", "常平镇", "塘厦镇"],
        "中山市": ["石岐街道", "东区街道", "西区街道", "南区街道", "小榄镇", "古镇镇", "三乡镇"],
        "江门市": ["蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市"],
        "阳江市": ["江城区", "阳东区", "阳西县", "阳春市"],
        "湛江市": ["赤坎区", "霞山区", "坡头区", "麻章区", "遂溪县", "徐闻县", "廉江市", "雷州市", "吴川市"],
        "茂名市": ["茂南区", "电白区", "高州市", "化州市", "信宜市"],
        "肇庆市": ["端州区", "鼎湖区", "高要区", "广宁县", "怀集县", "封开县", "德庆县", "四会市"],
        "清远市": ["清城区", "清新区", "佛冈县", "阳山县", "连山壮族瑶族自治县", "连南瑶族自治县", "英德市", "连州市"],
        "潮州市": ["湘桥区", "潮安区", "饶平县"],
        "揭阳市": ["榕城区", "揭东区", "揭西县", "惠来县", "普宁市"],
        "云浮市": ["云城区", "云安区", "新兴县", "郁南县", "罗定市"],
    }
}


def cities_of(province: str) -> list[str]:
    """Cities of a province; empty for an unknown one."""
    return list(REGIONS.get(province, {}))


def districts_of(province: str, city: str) -> list[str]:
    """Districts of a city; empty when the city is not in that province."""
    return list(REGIONS.get(province, {}).get(city, []))


def consistent_address(province: str, city: str, district: str) -> tuple[str, str, str]:
    """The three selects with any value that does not belong under its parent blanked, so a
    forged combination is refused with the same 「请选择…」 message as an empty select."""
    if province not in REGIONS:
        return "", "", ""
    if city not in REGIONS[province]:
        return province, "", ""
    if district not in REGIONS[province][city]:
        return province, city, ""
    return province, city, district


def region_pairs() -> list:
    """The divisions as nested [name, children] pairs, in the order the selects list them
    (JSON objects would come out sorted by key)."""
    return [
        [province, [[city, districts] for city, districts in cities.items()]] for province, cities in REGIONS.items()
    ]
